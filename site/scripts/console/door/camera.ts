// Reading QR codes from the phone's camera: the browser's BarcodeDetector where it has one (Chrome
// on Android), otherwise paulmillr's `qr` decoder in plain JavaScript (desktop Chromium, Firefox
// and iOS Safari have no BarcodeDetector), so no WebAssembly and no extra CSP allowance.
import decodeQR from 'qr/decode.js';

type Detector = { detect(source: CanvasImageSource): Promise<{ rawValue: string }[]> };
type DetectorClass = {
  new (options: { formats: string[] }): Detector;
  getSupportedFormats(): Promise<string[]>;
};

async function nativeDetector(): Promise<Detector | undefined> {
  const native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (!native) return undefined;
  try {
    return (await native.getSupportedFormats()).includes('qr_code') ? new native({ formats: ['qr_code'] }) : undefined;
  } catch {
    return undefined;
  }
}

/** Frames are read at this width at most: enough for a ticket held up to the phone, and cheap. */
const MAX_WIDTH = 640;
/** A pause between frames, so the phone stays cool through a long evening at the door. */
const FRAME_MS = 120;

export class Scanner {
  private stream: MediaStream | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly canvas = document.createElement('canvas');

  constructor(private readonly video: HTMLVideoElement) {}

  get running() {
    return this.stream !== undefined;
  }

  /** Starts the rear camera and calls `found` with the text of every QR code it reads. */
  async start(found: (text: string) => void): Promise<void> {
    this.stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: { ideal: 'environment' } },
      audio: false,
    });
    this.video.srcObject = this.stream;
    this.video.hidden = false;
    await this.video.play();
    const detector = await nativeDetector();
    const context = this.canvas.getContext('2d', { willReadFrequently: true })!;
    const frame = async () => {
      if (!this.stream) return;
      const text = detector ? await this.detect(detector) : this.decode(context);
      if (text) found(text);
      if (this.stream) this.timer = setTimeout(frame, FRAME_MS);
    };
    void frame();
  }

  stop(): void {
    clearTimeout(this.timer);
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = undefined;
    this.video.srcObject = null;
    this.video.hidden = true;
  }

  private async detect(detector: Detector): Promise<string | undefined> {
    try {
      return (await detector.detect(this.video))[0]?.rawValue;
    } catch {
      return undefined;
    }
  }

  private decode(context: CanvasRenderingContext2D): string | undefined {
    const { videoWidth: w, videoHeight: h } = this.video;
    if (!w || !h) return undefined;
    const scale = Math.min(1, MAX_WIDTH / w);
    const width = Math.round(w * scale);
    const height = Math.round(h * scale);
    if (this.canvas.width !== width) this.canvas.width = width;
    if (this.canvas.height !== height) this.canvas.height = height;
    context.drawImage(this.video, 0, 0, width, height);
    try {
      return decodeQR(context.getImageData(0, 0, width, height));
    } catch {
      // No code in this frame.
      return undefined;
    }
  }
}
