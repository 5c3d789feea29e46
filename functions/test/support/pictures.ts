import sharp from "sharp";

/**
 * A photo-like JPEG made with sharp, for the media checks at every tier: a gradient, a dozen
 * shapes and forty lines laid out by `seed`, so that it has edges and a structure of its own (a
 * blurred copy loses them, another seed is another picture, a shrunk copy keeps its hash).
 */
export function scene(seed: number, width = 1200, height = 900): Promise<Buffer> {
  const shapes = Array.from({ length: 12 }, (_, i) => {
    const x = ((seed * 97 + i * 131) % 100) / 100;
    const y = ((seed * 53 + i * 71) % 100) / 100;
    const shade = (seed * 37 + i * 59) % 255;
    return `<rect x="${x * width * 0.8}" y="${y * height * 0.8}" width="${width / 6}" height="${height / 7}" fill="rgb(${shade},${255 - shade},${(shade * 3) % 255})"/>`;
  }).join("");
  const lines = Array.from({ length: 40 }, (_, i) => `<line x1="0" y1="${(i * height) / 40}" x2="${width}" y2="${((i + seed) * height) / 40}" stroke="#000" stroke-width="2"/>`).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x2="${seed % 2}" y2="${(seed + 1) % 2}"><stop offset="0" stop-color="#1a4"/><stop offset="1" stop-color="#e93"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>${shapes}${lines}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}
