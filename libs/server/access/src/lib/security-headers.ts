import helmet from 'helmet';

/**
 * helmet with a Content Security Policy the built dashboard needs and no more: scripts and styles from
 * this origin (Vite emits no inline scripts; React and ECharts set styles through the CSSOM, which CSP
 * does not block; style attributes are allowed, inline <style> elements are not), images from here plus data:/blob: (chart
 * downloads), API calls to this origin only, and no framing. HSTS and upgrade-insecure-requests only in
 * production, where the service is behind HTTPS.
 */
export function securityHeaders(production = process.env.NODE_ENV === 'production') {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        // style="" attributes (set by chart and table libraries through setAttribute); no inline <style>.
        styleSrcAttr: ["'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        // Fonts from this origin only: no third-party host learns who uses the product (the dashboard
        // build drops the NHS.UK frontend's remote Frutiger webfont and falls back to Arial).
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: production ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
  });
}
