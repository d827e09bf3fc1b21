// The security headers of every response, static page or worker answer: one policy, built here and
// used by the worker (http/security-headers.ts) and by the build, which writes it into the static
// assets' _headers file.

export type PolicyOptions = {
  /** Cloudflare Turnstile is configured: its script and frame are allowed. */
  turnstile?: boolean;
  /** SHA-256 hashes (base64) of inline styles the pages carry: those exact styles, and no other. */
  styleHashes?: string[];
  /**
   * Where a form may be redirected to pay: Stripe Checkout (a form post answered with a 303 to its
   * page is a form navigation, so form-action must allow it, or browsers stop the purchase).
   */
  checkout?: string;
};

/** Stripe Checkout's pages, where a purchase form's answer sends the browser. */
export const STRIPE_CHECKOUT = 'https://checkout.stripe.com';

const TURNSTILE = 'https://challenges.cloudflare.com';

export function contentSecurityPolicy(o: PolicyOptions = {}): string {
  const extra = o.turnstile ? ` ${TURNSTILE}` : '';
  return [
    "default-src 'none'",
    `script-src 'self'${extra}`,
    `style-src 'self'${(o.styleHashes ?? []).map((h) => ` 'sha256-${h}'`).join('')}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    `frame-src${o.turnstile ? extra : " 'none'"}`,
    "manifest-src 'self'",
    `form-action 'self'${o.checkout ? ` ${o.checkout}` : ''}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Powerful features every page refuses; a page that needs one (the door's camera) allows it alone. */
export function permissionsPolicy(allow: { camera?: boolean } = {}): string {
  const camera = allow.camera ? 'camera=(self)' : 'camera=()';
  return `${camera}, microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), browsing-topics=()`;
}

export const PERMISSIONS_POLICY = permissionsPolicy();

export const HSTS = 'max-age=31536000; includeSubDomains';

/** Headers every response carries (HSTS only over https; the worker adds it there). */
export function securityHeaders(o: PolicyOptions = {}): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(o),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': PERMISSIONS_POLICY,
    'cross-origin-opener-policy': 'same-origin',
  };
}

/** The static assets' _headers file (Workers Static Assets applies it to every file it serves). */
export function headersFile(o: PolicyOptions = {}): string {
  const lines = Object.entries({ ...securityHeaders(o), 'strict-transport-security': HSTS }).map(
    ([name, value]) => `  ${name}: ${value}`,
  );
  return `/*\n${lines.join('\n')}\n`;
}
