// Links to a venue on a map: OpenStreetMap and the phone's maps app, at the coordinates when the
// venue has them, else by its address.
import { describe, expect, it } from 'vitest';
import { geoLink, mapLink } from './calendar-links.ts';

const hall = { name: 'Spadina Commons', address: '401 Richmond St W, Toronto' };
const pinned = { ...hall, lat: 43.6479, lng: -79.3951 };

describe('map links', () => {
  it('puts a marker at the coordinates on OpenStreetMap, or searches for the name and address', () => {
    expect(mapLink(pinned)).toBe('https://www.openstreetmap.org/?mlat=43.6479&mlon=-79.3951#map=17/43.6479/-79.3951');
    expect(mapLink(hall)).toBe(
      'https://www.openstreetmap.org/search?query=Spadina%20Commons%2C%20401%20Richmond%20St%20W%2C%20Toronto',
    );
  });

  it('opens the maps app at the coordinates with the place named, or searching for the address', () => {
    expect(geoLink(pinned)).toBe(
      'geo:43.6479,-79.3951?q=43.6479,-79.3951(Spadina%20Commons%2C%20401%20Richmond%20St%20W%2C%20Toronto)',
    );
    expect(geoLink(hall)).toBe('geo:0,0?q=Spadina%20Commons%2C%20401%20Richmond%20St%20W%2C%20Toronto');
  });

  it('keeps a geo: URI one piece however the address is written', () => {
    const odd = geoLink({ name: 'Café (Hof) & Bar', address: 'Straße 1; Berlin?x=1#y' });
    expect(odd).toMatch(/^geo:0,0\?q=[^;?#&()]*$/);
    expect(decodeURIComponent(odd.slice('geo:0,0?q='.length))).toBe('Café (Hof) & Bar, Straße 1; Berlin?x=1#y');
  });
});
