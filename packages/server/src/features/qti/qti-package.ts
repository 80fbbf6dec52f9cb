import { posix } from 'node:path';
import type { QtiSkippedItem } from '@lawh/shared';
import { type ItemImage, type ParsedItem, parseQtiItem } from './qti-item';
import { oneLine } from './qti-text';
import { childNamed, childrenNamed, descendants, parseXml, textOf, type XmlElement } from './qti-xml';
import { badPackage, readZip } from './qti-zip';

/**
 * A QTI upload — a content package (zip with imsmanifest.xml) or one item's XML file — read into
 * parsed items. Items are listed in manifest order; whatever cannot be imported is listed too.
 */

export const MANIFEST = 'imsmanifest.xml';
/** One item file; real ones are a few KB, the rest would be embedded data. */
const MAX_ITEM_BYTES = 2 * 1024 * 1024;

export interface PackageItem {
  file: string;
  item: Extract<ParsedItem, { ok: true }>;
  /** Pictures resolved to paths inside the package; `bytes` null when the package lacks them. */
  images: Array<ItemImage & { path: string | null }>;
}

export interface ReadPackage {
  title: string | null;
  items: PackageItem[];
  skipped: QtiSkippedItem[];
  files: Map<string, Buffer>;
}

const isZip = (b: Buffer) => b.length >= 4 && b.readUInt32LE(0) === 0x04034b50;
const looksLikeXml = (b: Buffer) => /^(\uFEFF)?\s*</.test(b.subarray(0, 64).toString('utf8'));

function decode(bytes: Buffer, file: string): string {
  if (bytes.length > MAX_ITEM_BYTES)
    throw badPackage(`${file} is larger than ${MAX_ITEM_BYTES} bytes`, { file }, 413);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw badPackage(`${file} is not UTF-8 text`, { file });
  }
}

/** A picture's path inside the package, or null for a web address or a path that leaves it. */
export function resolveInPackage(itemFile: string, src: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('/') || src.startsWith('//')) return null;
  let path: string;
  try {
    path = decodeURIComponent(src.split(/[?#]/)[0] ?? '');
  } catch {
    return null;
  }
  const joined = posix.normalize(posix.join(posix.dirname(itemFile), path));
  return joined.startsWith('../') || joined === '..' ? null : joined;
}

function readItem(file: string, root: XmlElement, files: Map<string, Buffer>): ParsedItem | PackageItem {
  const parsed = parseQtiItem(root, file);
  if (!parsed.ok) return parsed;
  const images = parsed.images.map((img) => {
    const path = resolveInPackage(file, img.src);
    return { ...img, path: path && files.has(path) ? path : null };
  });
  return { file, item: parsed, images };
}

/** The package's title: the manifest's LOM title, else its first organisation's or test's. */
function titleOf(manifest: XmlElement): string | null {
  const metadata = childNamed(manifest, 'metadata');
  const general = metadata && descendants(metadata, (e) => e.name === 'general')[0];
  const title = general && childNamed(general, 'title');
  const org = childNamed(manifest, 'organizations');
  const found = [title, org && descendants(org, (e) => e.name === 'title')[0]]
    .map((e) => (e ? oneLine(textOf(e), 200) : ''))
    .find(Boolean);
  return found ?? null;
}

/** Item resources (QTI 2.x and 3.0) in manifest order, with their file inside the package. */
function itemResources(manifest: XmlElement, base: string) {
  const resources = childNamed(manifest, 'resources');
  return (resources ? childrenNamed(resources, 'resource') : [])
    .filter((r) => /^imsqti_item_xmlv(2p|3p)/.test(r.attrs.type ?? ''))
    .map((r) => {
      const href = r.attrs.href ?? childNamed(r, 'file')?.attrs.href ?? '';
      const xmlBase = r.attrs.base ?? '';
      return {
        identifier: r.attrs.identifier ?? href,
        href,
        file: resolveInPackage(`${base}x`, xmlBase + href),
      };
    });
}

export async function readQtiUpload(name: string, bytes: Buffer): Promise<ReadPackage> {
  const skipped: QtiSkippedItem[] = [];
  const items: PackageItem[] = [];
  const add = (r: ParsedItem | PackageItem) => {
    if ('file' in r && 'item' in r) items.push(r);
    else if (!r.ok) skipped.push(r.skipped);
  };

  if (!isZip(bytes)) {
    if (!looksLikeXml(bytes))
      throw badPackage(`${name} is neither a zip package nor an XML item`, { file: name });
    const files = new Map<string, Buffer>();
    const root = parseXml(decode(bytes, name), name);
    add(readItem(name, root, files));
    return { title: root.attrs.title?.trim() || null, items, skipped, files };
  }

  const files = await readZip(bytes, name);
  // Zipping a folder often nests everything one level down: use the shallowest manifest.
  const manifestPath = [...files.keys()]
    .filter((f) => f === MANIFEST || f.endsWith(`/${MANIFEST}`))
    .sort((a, b) => a.length - b.length)[0];
  if (!manifestPath)
    throw badPackage(`${name} has no ${MANIFEST}; a QTI package lists its items there`, { file: MANIFEST });
  const manifest = parseXml(decode(files.get(manifestPath) ?? Buffer.alloc(0), manifestPath), manifestPath);
  const base = manifestPath.slice(0, -MANIFEST.length);
  const resources = itemResources(manifest, base);
  if (!resources.length)
    throw badPackage(
      `${manifestPath} lists no QTI 2.1 or 3.0 items (resources of type imsqti_item_xmlv2p1 or imsqti_item_xmlv3p0)`,
      {
        file: manifestPath,
      },
    );
  for (const res of resources) {
    const data = res.file ? files.get(res.file) : undefined;
    if (!res.file || !data) {
      skipped.push({
        identifier: res.identifier,
        file: res.file ?? res.href,
        interaction: 'none',
        reason: 'the manifest lists this file but the package does not hold it',
      });
      continue;
    }
    add(readItem(res.file, parseXml(decode(data, res.file), res.file), files));
  }
  return { title: titleOf(manifest), items, skipped, files };
}
