"""What the tour's people write: the long texts in French, and every text in English for the
English guide's pictures (tests/tour.py, `Tour.say`)."""

from __future__ import annotations

PRESENTATION = """Projet de financement sur 4 ans, coporté par 5 structures de l'ESS.
4 axes :
- communication
- connaissance des dispositifs publics d'aide aux associations
- mutualisation de la trésorerie
- échanges de services entre structures
Un diagnostic : on ne se connaît pas entre nous, on n'est pas coordonnés sur nos événements."""

SYNTHESIS = """Partir de l'interne vers l'externe, et créer la confiance avant l'outil.
- des temps conviviaux, sur place et en visio
- s'inspirer des outils existants (Apidae, transiscope) et interroger leurs succès et échecs"""

CHARTER = """Les échanges entre bénévoles passent par Mattermost.
Les documents partagés sont rangés dans le Cloud de l'association.
Chaque salarié·e répond aux messages sous 48 h."""

AMENDED = """Les échanges entre bénévoles passent par Mattermost.
Les documents partagés sont rangés dans le Cloud de l'association.
Chaque salarié·e répond aux messages sous 48 h, hors week-end."""


# What people write, in English: the English guide's pictures show an English workshop.
ENGLISH = {
    # Titles and settings
    "Nos idées": "Our ideas",
    "Comment mieux communiquer entre nos structures ?": (
        "How can our organisations communicate better with each other?"
    ),
    "Outils": "Tools",
    "Rencontres": "Meetings",
    "Accélérateur — Cluster 05": "Accelerator — Cluster 05",
    "Cluster 05 : coopération entre 5 structures de l'ESS": (
        "Cluster 05: five social economy organisations working together"
    ),
    "Comment mieux communiquer entre et dans les structures de l'ESS ?": (
        "How can we communicate better between and within our organisations?"
    ),
    "Nos usages numériques": "Our digital tools",
    "Charte d'usage des outils numériques": "Charter for our digital tools",
    "Bilan à trois ans et projet": "Three-year review and plan",
    "Bilan 2024–2026, projet 2027–2029": "Review 2024–2026, plan 2027–2029",
    # Board
    "Un calendrier partagé": "A shared calendar",
    "Des petits déjeuners métiers": "Breakfasts to present our jobs",
    "Un agenda partagé": "A shared diary",
    "Une newsletter commune": "A joint newsletter",
    "Ne pas faire une usine à gaz": "Keep it simple",
    "Méthode": "Method",
    "Se rencontrer": "Meeting each other",
    # Accelerator
    PRESENTATION: """A four-year funded project, run by 5 social economy organisations.
4 areas:
- communication
- knowing the public support schemes for associations
- pooling cash
- exchanging services between organisations
A diagnosis: we do not know each other, and we do not coordinate our events.""",
    "On ne se connaît pas entre structures": "Our organisations do not know each other",
    "Des calendriers partagés, pas par tous": "Shared calendars, not used by all",
    "Les outils cartographiques sont-ils contributifs ?": "Can everyone add to the mapping tools?",
    "Quelles infos voulez-vous partager ?": "What information do you want to share?",
    "Faut-il un logiciel libre ?": "Should it be free software?",
    "Les 70 personnes se sont-elles déjà réunies ?": "Have the 70 people ever met?",
    "Non, ils ne sont pas partagés.": "No, they are not shared.",
    "D'abord qui fait quoi, ensuite quand : les événements et l'actualité.": (
        "First who does what, then when: events and news."
    ),
    "Je souhaite que le groupe m'aide à trouver comment, et avec quels outils, mieux "
    "communiquer entre nous, avec les pouvoirs publics et avec le grand public.": (
        "I would like the group to help me find how, and with which tools, to communicate "
        "better between us, with public bodies and with the general public."
    ),
    "Je souhaite que le groupe m'aide": "I would like the group to help me",
    "Que ça ne devienne pas une usine à gaz : partir simple.": (
        "It must not become a monster: start simple."
    ),
    "Apidae : chacun remplit une fiche, chaque commune y pioche.": (
        "Apidae: everyone fills in a form, every town picks from it."
    ),
    "Des petits déjeuners où chacun présente son métier.": (
        "Breakfasts where everyone presents their job."
    ),
    "Des petits déjeuners": "Breakfasts where",
    "Partir de l'interne vers l'externe.": "Start inside, then go outside.",
    "Recenser les craintes des partenaires sur ce projet.": (
        "List what our partners fear about this project."
    ),
    "Confiance": "Trust",
    SYNTHESIS: """Start inside, then go outside, and build trust before the tool.
- friendly moments, on site and online
- learn from existing tools (Apidae, transiscope), their successes and failures""",
    "Organiser un premier petit déjeuner des métiers": "Hold a first job breakfast",
    "Jean et Camille": "Jean and Camille",
    "mars": "March",
    "Interroger Apidae sur ses succès et ses échecs": "Ask Apidae about its successes and failures",
    "avril": "April",
    "Recenser les craintes des partenaires": "List our partners' fears",
    "Comité de pilotage": "Steering committee",
    "avant l'été": "before the summer",
    "La formule donne une vision globale, sans connaître le territoire.": (
        "The format gives an overall view, even without knowing the area."
    ),
    "Beaucoup apprécié la créativité collective, le rebond des idées.": (
        "I loved our collective creativity, one idea leading to the next."
    ),
    # Cartography
    "Flux d'info : comment éviter la noyade ?": "Information flow: how not to drown?",
    "Flux d'info": "Information flow",
    "Les rôles des bénévoles et des salariés dans la communication": (
        "The parts volunteers and staff play in communication"
    ),
    "Adaptés aux pratiques des personnes mobilisées": "Suited to how our people work",
    "Articulés entre eux": "Working together",
    "Évolutifs et éthiques": "Open to change, and ethical",
    # Consent
    CHARTER: """Volunteers talk to each other on Mattermost.
Shared documents are kept in the association's Cloud.
Each member of staff answers messages within 48 hours.""",
    AMENDED: """Volunteers talk to each other on Mattermost.
Shared documents are kept in the association's Cloud.
Each member of staff answers messages within 48 hours, except at weekends.""",
    "Mattermost": "Mattermost",
    "Qui a accès au Cloud ?": "Who can use the Cloud?",
    "Et sans compte Mattermost ?": "What about people without a Mattermost account?",
    "Tous les membres.": "Every member.",
    "On en crée un pour chaque bénévole qui le veut.": (
        "We make one for every volunteer who wants it."
    ),
    "Enfin un cadre clair.": "At last, clear rules.",
    "Et les bénévoles éloignés du numérique ?": "What about volunteers who rarely go online?",
    "48 h, c'est court.": "48 hours is short.",
    "Après le tour de réactions": "After the reactions round",
    "hors week-end": "except at weekends",
    "Garder une version papier de la charte.": "Keep a paper copy of the charter.",
    "Sans formation, les bénévoles éloignés du numérique seront exclus.": (
        "Without training, volunteers who rarely go online will be left out."
    ),
    "Sans formation": "Without training",
    # Review
    "Le guide l'écolocal paraît": "Our local ecology guide comes out",
    "Départ de la coordinatrice": "Our coordinator leaves",
    "Passage à Mattermost": "We move to Mattermost",
    "30 bénévoles de plus": "30 more volunteers",
    "Un outil ne suffit pas sans formation": "A tool is not enough without training",
    "Le guide l'écolocal": "The local ecology guide",
    "Trop de réunions le soir": "Too many evening meetings",
    "Impliquer les bénévoles dès le début": "Involve volunteers from the start",
    "Documenter nos décisions": "Write our decisions down",
    "Se former ensemble aux outils": "Learn the tools together",
    "Une charte des outils numériques": "A charter for our digital tools",
    "Un parcours d'accueil des bénévoles": "A welcome path for new volunteers",
    "Un deuxième guide, sur l'alimentation": "A second guide, on food",
    "Un poste de coordination pérenne": "A lasting coordinator post",
    "Adopter une charte des outils numériques": "Adopt a charter for our digital tools",
    "Le CA": "The board",
    "Chacun·e sait où ranger un document": "Everyone knows where to file a document",
    "La charte est adoptée en assemblée générale": "The general meeting adopts the charter",
    "Nadia et Paul": "Nadia and Paul",
    "Chaque nouveau bénévole connaît une personne référente": (
        "Every new volunteer knows a contact person"
    ),
    "Dix bénévoles accueillis par le parcours": "Ten volunteers welcomed along the path",
}
