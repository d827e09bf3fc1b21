// Escaping for text that visitors wrote, wherever it lands in HTML.
const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: unknown): string => String(text ?? '').replace(/[&<>"']/g, (c) => entities[c]!);
