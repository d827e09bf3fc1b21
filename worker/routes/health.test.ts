import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json';

describe('GET /api/health', () => {
  it('reports the version, the content build and that D1 answers', async () => {
    const res = await SELF.fetch('https://example.com/api/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json<{ status: string; version: string; content: string; database: string }>();
    expect(body).toMatchObject({ status: 'ok', version: packageJson.version, database: 'ok' });
    expect(body.content).toMatch(/^[0-9a-f]{8}$/);
  });
});
