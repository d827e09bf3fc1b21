// Cloudflare Turnstile verification, used only when TURNSTILE_SECRET_KEY is configured.
export async function passesTurnstile(
  secret: string,
  token: string | undefined,
  ip: string | undefined,
): Promise<boolean> {
  if (!token) return false;
  const body = new FormData();
  body.append('secret', secret);
  body.append('response', token);
  if (ip) body.append('remoteip', ip);
  try {
    const res = await fetch('https://challenges.cloudflare.com/turnstile/v0/siteverify', { method: 'POST', body });
    const result = await res.json<{ success: boolean }>();
    return result.success === true;
  } catch (error) {
    console.error('turnstile: verification request failed', (error as Error).message);
    return false;
  }
}
