import { describe, expect, it } from 'vitest';
import { eventSchema, photoSchema, questionSchema, registrationSchema, sessionSchema } from './content.ts';
import { markdownToPlainText } from './plain-text.ts';

const event = {
  title: 'T',
  summary: 'S',
  kind: 'meetup',
  start: '2027-01-10T18:00',
  end: '2027-01-10T21:00',
  timeZone: 'Europe/Berlin',
  city: 'Berlin',
  country: 'Germany',
  venue: { space: 'werkhaus-berlin' },
};

describe('eventSchema', () => {
  it('accepts a minimal event and fills the defaults', () => {
    const parsed = eventSchema.parse(event);
    expect(parsed).toMatchObject({
      status: 'scheduled',
      start: '2027-01-10T18:00:00',
      registration: { mode: 'open', waitlist: true, questions: [] },
      networking: { slots: [] },
    });
  });

  it('accepts an inline venue with coordinates', () => {
    expect(
      eventSchema.safeParse({
        ...event,
        venue: { name: 'Patio', address: 'Calle 1', coordinates: { lat: 19.4, lng: -99.1 } },
      }).success,
    ).toBe(true);
  });

  it('refuses networking slots outside the event', () => {
    const result = eventSchema.safeParse({
      ...event,
      networking: { slots: [{ start: '2027-01-10T21:00', end: '2027-01-10T22:00', tables: 4 }] },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['networking', 'slots', 0]);
  });

  it('refuses an unknown kind, naming the choices', () => {
    const result = eventSchema.safeParse({ ...event, kind: 'party' });
    expect(result.error?.issues[0]?.message).toContain('conference');
  });
});

describe('registrationSchema', () => {
  it('needs a URL for external registration', () => {
    expect(registrationSchema.safeParse({ mode: 'external' }).error?.issues[0]?.path).toEqual(['url']);
  });

  it('refuses closing before opening', () => {
    expect(
      registrationSchema.safeParse({ opens: '2027-01-02T00:00', closes: '2027-01-01T00:00' }).error?.issues[0]?.path,
    ).toEqual(['closes']);
  });
});

describe('questionSchema', () => {
  it('needs options for select questions and refuses them for text', () => {
    expect(questionSchema.safeParse({ id: 'a', label: 'A', type: 'select' }).success).toBe(false);
    expect(questionSchema.safeParse({ id: 'a', label: 'A', type: 'text', options: ['x'] }).success).toBe(false);
    expect(questionSchema.safeParse({ id: 'a', label: 'A', type: 'multiselect', options: ['x', 'y'] }).success).toBe(
      true,
    );
  });
});

describe('sessionSchema', () => {
  it('refuses a session that ends before it starts', () => {
    const result = sessionSchema.safeParse({
      event: 'e',
      title: 'T',
      start: '2027-01-10T18:00',
      end: '2027-01-10T17:00',
    });
    expect(result.error?.issues[0]?.path).toEqual(['end']);
  });
});

describe('photoSchema', () => {
  it('takes a photo with words on what it shows, trimmed', () => {
    expect(photoSchema.parse({ src: 'images/ada.jpg', alt: ' Ada smiling ' })).toEqual({
      src: 'images/ada.jpg',
      alt: 'Ada smiling',
    });
  });

  it.each(['', ' ', '\t\n'])('refuses alt text that says nothing (%j): a screen reader would read nothing', (alt) => {
    const result = photoSchema.safeParse({ src: 'images/ada.jpg', alt });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/expected alt text with the photo/);
  });
});

describe('markdownToPlainText', () => {
  it('keeps the words and link targets and drops the markup', () => {
    const text = markdownToPlainText(
      '## Hello\n\nThis is **bold**, *soft* and [a link](https://example.org).\n\n- one\n- two',
    );
    expect(text).toBe('Hello\n\nThis is bold, soft and a link (https://example.org).\n\n• one\n• two');
  });
});
