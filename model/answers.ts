// Checks a person's answers against the event's questions: required, type, allowed options and
// lengths. Pure: returns the cleaned answers or one problem per field. The worker checks with it, and
// the event page's script checks the same way before sending, so every problem shows in one round.
import type { Question } from './content.ts';
import { EMAIL } from './email.ts';
import { hasControlCharacters } from './text.ts';

export type Answer = string | string[] | boolean;
export type Answers = Record<string, Answer>;
export type FieldError = { field: string; message: string };

export const limits = { text: 500, textarea: 4000, email: 254, url: 2000 } as const;

function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

export function checkAnswers(
  questions: readonly Question[],
  raw: Record<string, unknown>,
): { answers: Answers; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const answers: Answers = {};
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(raw)) {
    if (!known.has(id))
      errors.push({ field: `answers.${id.slice(0, 40)}`, message: 'This event asks no such question.' });
  }
  for (const q of questions) {
    const field = `answers.${q.id}`;
    const value = raw[q.id];
    const empty =
      value === undefined ||
      value === null ||
      value === '' ||
      value === false ||
      (Array.isArray(value) && value.length === 0);
    if (empty) {
      if (q.required)
        errors.push({
          field,
          message: q.type === 'checkbox' ? `Please tick "${q.label}".` : `Please answer "${q.label}".`,
        });
      continue;
    }
    switch (q.type) {
      case 'checkbox':
        if (value === true || value === 'on' || value === 'true' || value === 'yes') answers[q.id] = true;
        else errors.push({ field, message: `"${q.label}" is a checkbox: send true or leave it out.` });
        break;
      case 'multiselect': {
        const list = Array.isArray(value) ? value : [value];
        const bad = list.filter((v) => typeof v !== 'string' || !q.options!.includes(v));
        if (bad.length) errors.push({ field, message: `Choose from: ${q.options!.join(', ')}.` });
        else answers[q.id] = [...new Set(list as string[])];
        break;
      }
      default: {
        if (typeof value !== 'string') {
          errors.push({ field, message: `"${q.label}" takes text.` });
          break;
        }
        const text = value.trim();
        const max = q.type === 'select' ? 100 : limits[q.type];
        if (text.length > max)
          errors.push({ field, message: `Keep "${q.label}" under ${max} characters (it has ${text.length}).` });
        else if (hasControlCharacters(text, q.type === 'textarea'))
          errors.push({ field, message: `"${q.label}" contains control characters; please retype it.` });
        else if (q.type === 'select' && !q.options!.includes(text))
          errors.push({ field, message: `Choose one of: ${q.options!.join(', ')}.` });
        else if (q.type === 'email' && !EMAIL.test(text))
          errors.push({ field, message: `"${q.label}" needs an email address like name@example.org.` });
        else if (q.type === 'url' && !isHttpUrl(text))
          errors.push({ field, message: `"${q.label}" needs a web address starting with https://.` });
        else answers[q.id] = text;
      }
    }
  }
  return { answers, errors };
}
