// A session's page (ui/session-page.tsx): its star, for a browser that holds a registration.
import { setUpStars } from '../stars.ts';

setUpStars(document.querySelector<HTMLElement>('[data-event-id]')?.dataset.eventId);
