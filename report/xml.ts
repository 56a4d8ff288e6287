// Escaping for XML text and attribute values (JUnit reports).
export function xmlEscape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[^\x09\x0a\x0d\x20-\x7e]/g, (c) => `&#${c.codePointAt(0)};`);
}
