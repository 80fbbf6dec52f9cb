// Makes the demo's pictures and spoken clips ONCE; the results are committed next to this script and
// the seed only reads them, so neither CI nor `lawh start` needs fonts or espeak-ng.
//   node packages/server/src/db/seeds/media/make-demo-media.mjs
// Pictures: SVG drawn here, rasterised by sharp (Tifinagh and Arabic letters need fonts-noto-core).
// Speech: espeak-ng (Debian package), resampled here to 8 kHz 16-bit mono to keep each clip small.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const here = dirname(fileURLToPath(import.meta.url));

const svg = (w, h, body) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">${body}</svg>`;

/** A disc cut into `parts` equal slices, the first `filled` coloured. */
function pie(cx, cy, r, parts, filled, colour) {
  let out = '';
  for (let i = 0; i < parts; i++) {
    const a0 = (i / parts) * 2 * Math.PI - Math.PI / 2;
    const a1 = ((i + 1) / parts) * 2 * Math.PI - Math.PI / 2;
    const p = (a) => `${(cx + r * Math.cos(a)).toFixed(1)} ${(cy + r * Math.sin(a)).toFixed(1)}`;
    const large = a1 - a0 > Math.PI ? 1 : 0;
    out += `<path d="M ${cx} ${cy} L ${p(a0)} A ${r} ${r} 0 ${large} 1 ${p(a1)} Z" fill="${i < filled ? colour : '#fff'}" stroke="#333" stroke-width="4"/>`;
  }
  return out;
}

const label = (x, y, text, size = 40, font = 'Noto Sans') =>
  `<text x="${x}" y="${y}" font-family="${font}" font-size="${size}" font-weight="bold" text-anchor="middle" fill="#222">${text}</text>`;

const pictures = {
  // Half, quarter and three quarters of a disc, labelled with digits (read alike in ar and fr).
  'fractions.png': svg(
    720,
    320,
    `<rect width="720" height="320" fill="#fdf6e3"/>
    ${pie(130, 140, 95, 2, 1, '#e4572e')}${label(130, 295, '1/2')}
    ${pie(360, 140, 95, 4, 1, '#29a0b1')}${label(360, 295, '1/4')}
    ${pie(590, 140, 95, 4, 3, '#76b041')}${label(590, 295, '3/4')}`,
  ),
  // The quiz asks which fraction is coloured, so this one carries no label.
  'pie-three-quarters.png': svg(
    240,
    240,
    `<rect width="240" height="240" fill="#fff"/>${pie(120, 120, 100, 4, 3, '#76b041')}`,
  ),
  // Sea, sun, mountain, cloud and rain, with arrows for evaporation, rain and the river: no words,
  // so the French and the Arabic lesson share it.
  'water-cycle.png': svg(
    720,
    420,
    `<defs><marker id="h" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="#1d4e89"/></marker></defs>
    <rect width="720" height="420" fill="#d8f0ff"/>
    <circle cx="90" cy="80" r="48" fill="#ffd23f"/>
    ${Array.from({ length: 8 }, (_, i) => {
      const a = (i / 8) * 2 * Math.PI;
      return `<line x1="${90 + 60 * Math.cos(a)}" y1="${80 + 60 * Math.sin(a)}" x2="${90 + 78 * Math.cos(a)}" y2="${80 + 78 * Math.sin(a)}" stroke="#ffb000" stroke-width="6" stroke-linecap="round"/>`;
    }).join('')}
    <polygon points="380,330 540,120 700,330" fill="#8d6e63"/>
    <polygon points="505,166 540,120 575,166 556,158 540,172 522,158" fill="#fff"/>
    <rect y="330" width="720" height="90" fill="#2e86de"/>
    <path d="M 560 330 C 520 360 420 350 380 380 L 380 420 L 440 420 C 470 380 560 370 600 330 Z" fill="#54a0ff"/>
    <g fill="#fff" stroke="#9aa5b1" stroke-width="3">
      <ellipse cx="420" cy="80" rx="70" ry="38"/><ellipse cx="480" cy="62" rx="60" ry="40"/><ellipse cx="530" cy="88" rx="58" ry="34"/>
    </g>
    ${Array.from({ length: 7 }, (_, i) => `<line x1="${430 + i * 18}" y1="${132 + (i % 2) * 12}" x2="${422 + i * 18}" y2="${156 + (i % 2) * 12}" stroke="#2e86de" stroke-width="5" stroke-linecap="round"/>`).join('')}
    <g stroke="#1d4e89" stroke-width="6" fill="none" stroke-dasharray="14 10" marker-end="url(#h)">
      <path d="M 170 320 C 190 240 230 170 330 110"/>
      <path d="M 610 200 L 640 280"/>
      <path d="M 470 360 C 420 380 330 380 260 370"/>
    </g>`,
  ),
  // Eight letters of the Tifinagh alphabet (IRCAM), each on its own tile.
  'tifinagh-letters.png': svg(
    720,
    320,
    `<rect width="720" height="320" fill="#fff8e7"/>
    ${['ⴰ', 'ⴱ', 'ⵎ', 'ⵏ', 'ⵣ', 'ⵜ', 'ⵍ', 'ⵔ']
      .map((l, i) => {
        const x = 30 + (i % 4) * 170;
        const y = 20 + Math.floor(i / 4) * 150;
        const colour = ['#e4572e', '#29a0b1', '#76b041', '#f3a712'][i % 4];
        return `<rect x="${x}" y="${y}" width="150" height="130" rx="18" fill="${colour}"/>${label(x + 75, y + 100, l, 96, 'Noto Sans Tifinagh').replace('#222', '#fff')}`;
      })
      .join('')}`,
  ),
  'letter-yaz.png': svg(
    240,
    240,
    `<rect width="240" height="240" rx="24" fill="#29a0b1"/>${label(120, 178, 'ⵣ', 160, 'Noto Sans Tifinagh').replace('#222', '#fff')}`,
  ),
  // The letter mim alone and in words, in a Naskh face as in first-year readers.
  'arabic-mim.png': svg(
    720,
    320,
    `<rect width="720" height="320" fill="#f1f8e9"/>
    <circle cx="600" cy="150" r="110" fill="#76b041"/>
    ${label(600, 200, 'م', 150, 'Noto Naskh Arabic').replace('#222', '#fff')}
    ${label(260, 120, 'مَاء', 80, 'Noto Naskh Arabic')}
    ${label(260, 260, 'مَوْز', 80, 'Noto Naskh Arabic')}`,
  ),
};

for (const [name, source] of Object.entries(pictures)) {
  const png = await sharp(Buffer.from(source))
    .png({ palette: true, colours: 64, compressionLevel: 9 })
    .toBuffer();
  writeFileSync(join(here, name), png);
  console.log(name, png.length);
}

// Short sentences read slowly for 6–11 year olds.
const speech = {
  'fr-fractions.wav': ['fr-fr', 'Trois quarts : trois parts sur quatre parts égales.'],
  'ar-fractions.wav': ['ar', 'الكَسْرُ جُزْءٌ مِنْ كُلٍّ مُقَسَّمٍ إِلَى أَجْزَاءٍ مُتَسَاوِيَة.'],
  'fr-water-cycle.wav': ['fr-fr', "Le soleil chauffe l'eau. Elle devient vapeur, nuage, puis pluie."],
  'ar-water-cycle.wav': ['ar', 'الشَّمْسُ تُسَخِّنُ الماءَ، فَيَصِيرُ بُخَاراً، ثُمَّ سَحَاباً، ثُمَّ مَطَراً.'],
  'ar-mim.wav': ['ar', 'مِيم. مَاء. مَوْز.'],
};

for (const [name, [voice, text]] of Object.entries(speech)) {
  const wav = execFileSync('espeak-ng', ['-v', voice, '-s', '135', '--stdout', text]);
  writeFileSync(join(here, name), resample8k(wav));
  console.log(name, resample8k(wav).length);
}

/** espeak-ng's 22,050 Hz PCM → 8 kHz: a 3-tap average against aliasing, then linear interpolation. */
function resample8k(wav) {
  const rate = wav.readUInt32LE(24);
  let at = 12;
  while (wav.toString('latin1', at, at + 4) !== 'data') at += 8 + wav.readUInt32LE(at + 4);
  const pcm = wav.subarray(at + 8);
  const n = Math.floor(pcm.length / 2);
  const s = (i) => pcm.readInt16LE(Math.min(Math.max(i, 0), n - 1) * 2);
  const smooth = (i) => (s(i - 1) + 2 * s(i) + s(i + 1)) / 4;
  const out = Math.floor((n * 8000) / rate);
  const data = Buffer.alloc(out * 2);
  for (let j = 0; j < out; j++) {
    const x = (j * rate) / 8000;
    const i = Math.floor(x);
    const v = smooth(i) + (smooth(i + 1) - smooth(i)) * (x - i);
    data.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(v))), j * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
