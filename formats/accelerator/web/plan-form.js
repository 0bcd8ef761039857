// The action plan's "add" form, the same on the holder's phone and in the console.
import { sendForm } from 'fabrique/kit.js';

/** Sends the drafted action (what, who, when); an action needs its "what". */
export async function addActionFrom(event, ctx, ui, container) {
  event.preventDefault();
  const what = (ui.drafts.what ?? '').trim();
  if (!what) {
    container.querySelector('#accelerator-what')?.focus();
    return;
  }
  const payload = { what, who: (ui.drafts.who ?? '').trim(), when: (ui.drafts.when ?? '').trim() };
  await sendForm(ctx, ui.drafts, ['what', 'who', 'when'], 'accelerator.add_action', payload);
  container.querySelector('#accelerator-what')?.focus();
}
