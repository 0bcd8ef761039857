// What a person typed stays in the field until the view shows it: the server's ack often comes
// before the new view, and dropping the draft at the ack would show the old text for a moment
// (or for good, offline). `send` keeps the drafts named in `keep` after an accepted command;
// `settle`, at each render, drops each one once the server's value equals what was sent (a draft
// typed further since is kept).

/** Sends `type`; on success drops the drafts of `drop` and waits for the view for `keep`. */
export async function sendKeeping(ui, ctx, type, payload, { keep = [], drop = [] } = {}) {
  const sent = Object.fromEntries(keep.filter((k) => Object.hasOwn(ui.drafts, k)).map((k) => [k, ui.drafts[k]]));
  const ack = await ctx.send(type, payload);
  if (ack?.ok) {
    for (const key of drop) delete ui.drafts[key];
    Object.assign(ui.settling, sent);
  }
  ctx.update();
  return ack;
}

/** Drops the kept drafts the view now shows (`values`: key -> the server's value). */
export function settle(ui, values) {
  for (const [key, sent] of Object.entries(ui.settling)) {
    if (!Object.hasOwn(values, key)) continue;
    if (ui.drafts[key] !== sent) {
      delete ui.settling[key]; // typed further: the person's text stays
    } else if ((values[key] ?? '').trim() === (sent ?? '').trim()) {
      delete ui.drafts[key];
      delete ui.settling[key];
    }
  }
}
