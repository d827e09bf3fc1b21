// Found in the review of issue #12 (each test now guards the fix): the error handler logs the path of a failed request through redactPath,
// which knows the secrets of manage (m_), calendar (c_), sign-in (g_) and session (s_) links, but
// not the two kinds this issue added: invitation links (/invitations/i_…, a role on the team once
// the invited person signs in) and unsubscribe links (/unsubscribe/u_<id>.<secret>).
import { describe, expect, it } from 'vitest';
import { redactPath } from './errors.ts';

const secret = `${'Ab3_-'.repeat(8)}xyz`;

describe('redactPath', () => {
  it('keeps the secret of an invitation link out of the logs', () => {
    expect(secret).toHaveLength(43);
    expect(redactPath(`/invitations/i_${secret}`)).not.toContain(secret);
  });

  it('keeps the secret of an unsubscribe link out of the logs', () => {
    expect(redactPath(`/unsubscribe/u_123.${secret}`)).not.toContain(secret);
  });
});
