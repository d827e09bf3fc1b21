// A video file that shows one QR code, for Chromium's fake camera
// (--use-file-for-fake-video-capture): YUV4MPEG2, 4:2:0, a few identical frames.
import { writeFileSync } from 'node:fs';
import { encode } from 'uqr';

export function qrVideo(path: string, text: string, o: { width?: number; height?: number; frames?: number } = {}) {
  const { width = 640, height = 480, frames = 3 } = o;
  const { data, size } = encode(text, { border: 4 });
  const scale = Math.floor((Math.min(width, height) * 0.9) / size);
  const left = Math.floor((width - size * scale) / 2);
  const top = Math.floor((height - size * scale) / 2);
  const luma = Buffer.alloc(width * height, 255);
  for (let y = 0; y < size * scale; y++)
    for (let x = 0; x < size * scale; x++)
      if (data[Math.floor(y / scale)]![Math.floor(x / scale)]) luma[(top + y) * width + left + x] = 0;
  // No colour: both chroma planes at their middle value.
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}
