// How the registration form's fields map onto the JSON request, without zod, so that the page
// script can use the same code as the worker (model/registration.ts re-exports it).

export type FormFields = Record<string, string | string[]>;

/** The fields of a matching profile, as forms send them after "profile.". */
export const profileFieldNames = [
  'displayName',
  'bio',
  'city',
  'offers',
  'seeks',
  'interests',
  'languages',
  'visibility',
  'available',
] as const;
export type ProfileFieldName = (typeof profileFieldNames)[number];

/** Form fields that are not answers or profile fields. */
const plainFields = new Set(['name', 'email', 'consent', 'homepage', 'cf-turnstile-response']);
const profileFields = new Set<string>(profileFieldNames);

/**
 * Turns form fields (answers.<id>, consent=on, repeated multiselect values) into the JSON shape.
 * Fields the form never has (an unknown question, a made-up name) are not mapped but listed in
 * `unknown`, so that no field name a client invents reaches a page or a message.
 */
export function formToRequest(
  form: FormFields,
  questionIds: readonly string[],
): { request: Record<string, unknown>; unknown: string[] } {
  const request: Record<string, unknown> = {};
  const answers: Record<string, unknown> = {};
  const profile: Record<string, unknown> = {};
  const unknown: string[] = [];
  const questions = new Set(questionIds);
  for (const [key, value] of Object.entries(form)) {
    const answerId = key.startsWith('answers.') ? key.slice(8) : undefined;
    const profileField = key.startsWith('profile.') ? key.slice(8) : undefined;
    if (answerId !== undefined && questions.has(answerId)) answers[answerId] = value;
    else if (profileField !== undefined && (profileField === 'optIn' || profileFields.has(profileField)))
      profile[profileField] = value;
    else if (key === 'consent') request.consent = value === 'on' || value === 'true' || value === 'yes';
    else if (key === 'cf-turnstile-response') request.turnstileToken = value;
    else if (key === 'homepage') {
      if (value) request.homepage = value;
    } else if (plainFields.has(key)) request[key] = value;
    else unknown.push(key);
  }
  request.answers = answers;
  // The profile fields count only when the person ticked the opt-in box.
  const { optIn, ...fields } = profile;
  if (optIn === 'on') request.profile = fields;
  return { request, unknown };
}
