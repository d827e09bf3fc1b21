// A QR code drawn as SVG from the module matrix (uqr's encoder), so it goes through the renderer
// like everything else.
import { encode } from 'uqr';

/** The SVG path of the dark modules, and the symbol's size in modules. */
export function qrPath(text: string): { d: string; size: number } {
  const { data, size } = encode(text, { border: 1 });
  let d = '';
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    });
  });
  return { d, size };
}

export function QrCode(props: { text: string; label: string }) {
  const { d, size } = qrPath(props.text);
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={props.label}
      shape-rendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
