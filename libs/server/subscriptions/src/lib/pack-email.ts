/** The text of a report pack email (plain text and a simple HTML twin; no remote images or scripts). */
export function packEmail(p: {
  title: string;
  sections: string[];
  scope: string;
  asAt: string;
  attach: boolean;
  links: { label: string; url: string }[];
  expiresAt: Date;
  manageUrl: string;
  unsubscribeUrl: string;
}): { subject: string; text: string; html: string } {
  const expiry = p.expiresAt.toISOString().slice(0, 10);
  const how = p.attach
    ? 'The pack is attached as a PDF, with its figures as an XLSX workbook.'
    : `The pack is too large to attach. Download it (sign in required; links expire on ${expiry}):`;
  const text = [
    `${p.title}: AI Workforce Readiness report pack`,
    '',
    `Sections: ${p.sections.join(', ')}`,
    `Your scope: ${p.scope}`,
    `As at: ${p.asAt}`,
    '',
    how,
    ...p.links.map((l) => `  ${l.label}: ${l.url}`),
    '',
    `The figures are computed with your own access scope and disclosure rules.`,
    `Manage your report subscriptions: ${p.manageUrl}`,
    `Unsubscribe from this pack: ${p.unsubscribeUrl}`,
  ].join('\n');
  const esc = (s: string) =>
    s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  const html = `<!doctype html><html><body style="font-family:Arial,sans-serif">
<h1 style="font-size:20px">${esc(p.title)}</h1>
<p>AI Workforce Readiness report pack: ${esc(p.sections.join(', '))}.</p>
<p>Your scope: ${esc(p.scope)}<br>As at: ${esc(p.asAt)}</p>
<p>${esc(how)}</p>
<ul>${p.links.map((l) => `<li><a href="${esc(l.url)}">${esc(l.label)}</a></li>`).join('')}</ul>
<p>The figures are computed with your own access scope and disclosure rules.</p>
<p><a href="${esc(p.manageUrl)}">Manage your report subscriptions</a> ·
<a href="${esc(p.unsubscribeUrl)}">Unsubscribe from this pack</a></p>
</body></html>`;
  return { subject: `${p.title}: report pack as at ${p.asAt}`, text, html };
}
