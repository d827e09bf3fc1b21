// A QR code drawn as SVG from the module matrix (uqr's encoder), so it goes through the renderer
// like everything else.
import { encode } from 'uqr';

export function QrCode(props: { text: string; label: string }) {
  const { data, size } = encode(props.text, { border: 1 });
  let d = '';
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    });
  });
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
