// Where a venue is, without a map embedded in the page (no other origin, no tracking script): a
// link to OpenStreetMap and one that opens the phone's maps app (geo: URI).
import { geoLink, mapLink, type Place } from '../model/calendar-links.ts';

export function MapLinks(props: { venue: Place }) {
  const v = props.venue;
  return (
    <span class="map-links">
      <a href={mapLink(v)} rel="noopener">
        Map<span class="visually-hidden"> of {v.name}</span>
      </a>{' '}
      ·{' '}
      <a href={geoLink(v)}>
        Maps app<span class="visually-hidden"> for {v.name}</span>
      </a>
    </span>
  );
}
