import { encode } from 'uqr';

/**
 * A QR code as an SVG element tree (one path of dark modules), built by Preact rather than injected
 * as markup: nothing to sanitise, and nothing the CSP (no unsafe-inline) could object to. Dark on
 * white with the 4-module quiet zone the QR standard asks for, so phone and tablet cameras read it.
 */
export function QrCode({ text, label, size = 224 }: { text: string; label: string; size?: number }) {
  const qr = encode(text, { ecc: 'M', border: 4 });
  let d = '';
  qr.data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    });
  });
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${qr.size} ${qr.size}`}
      width={size}
      height={size}
      shape-rendering="crispEdges"
      class="qr-code"
    >
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
