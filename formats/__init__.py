"""The activity formats shipped with Fabrique. Each sub-package exports `FORMAT`."""
