// Resident import: a CSV file (name, unit, phone, plate, card) checked row by row; bad rows are reported, not guessed.
// The rules below say in the clerk's language what is wrong with the common mistakes at once; central has the last
// word (POST /api/registry/check, see refusedLines): it names every record it would refuse, e.g. a plate with the
// letter I, which the pattern here lets through, and those rows are rejected with its reason.
const PLATE = /^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][A-Z0-9]{4,5}[A-Z0-9挂学警港澳]$/;
const CARD = /^[0-9A-F]{10}$/;
// Central's rules for a resident's fields, said again here in the clerk's language.
const PHONE = /^[0-9+() -]{3,24}$/;
const LONGEST_TEXT = 40;
const LONGEST_ID = 64;
// An owner id holds letters, digits, _ . and - only: a unit written "3栋 1206" keeps its other characters as _.
const NOT_ID = /[^\p{L}\p{N}_.-]/gu;
export const COLUMNS = ['name', 'unit', 'phone', 'plate', 'card'];

/** Splits CSV text into rows of cells (quotes and doubled quotes understood). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows.filter(r => r.some(x => x.trim() !== ''));
}

/**
 * Builds registry records from the rows; `t` gives the texts of the problems. The first row is a header
 * when its first cell is not a name (e.g. "name" or "姓名"). `refused` (line → central's reasons, from
 * refusedLines) rejects those lines too. `sources` tells which lines each record came from.
 */
export function residentsFrom(rows, t, refused = new Map()) {
  const out = { owners: [], vehicles: [], cards: [] };
  const sources = { owners: [], vehicles: [], cards: [] };
  const rejected = [];
  const plates = new Set();
  const owners = new Map();
  const start = rows.length && /^(name|姓名)$/i.test(rows[0][0]?.trim()) ? 1 : 0;
  rows.slice(start).forEach((cells, i) => {
    const line = i + start + 1;
    const [name, unit, phone, plateRaw, cardRaw] = COLUMNS.map((_, k) => (cells[k] ?? '').trim());
    const plate = plateRaw.toUpperCase().replace(/[\s·.]/g, '');
    const card = cardRaw.toUpperCase();
    const problems = [];
    if (!name) problems.push(t('cards.csv.noName'));
    else if (name.length > LONGEST_TEXT) problems.push(t('cards.csv.longName', { n: LONGEST_TEXT }));
    if (!unit) problems.push(t('cards.csv.noUnit'));
    else if (unit.length > LONGEST_TEXT) problems.push(t('cards.csv.longUnit', { n: LONGEST_TEXT }));
    if (phone && !PHONE.test(phone)) problems.push(t('cards.csv.badPhone', { phone }));
    const id = ('R-' + unit + '-' + name).replace(NOT_ID, '_');
    if (name && unit && id.length > LONGEST_ID) problems.push(t('cards.csv.longId', { n: LONGEST_ID - 3 }));
    if (!PLATE.test(plate)) problems.push(t('cards.csv.badPlate', { plate: plateRaw }));
    else if (plates.has(plate)) problems.push(t('cards.csv.dupPlate', { plate }));
    if (card && !CARD.test(card)) problems.push(t('cards.csv.badCard', { card: cardRaw }));
    (refused.get(line) ?? []).forEach(reason => problems.push(t('cards.csv.refused', { reason })));
    if (problems.length) { rejected.push({ line, text: cells.join(','), problems }); return; }
    plates.add(plate);
    if (!owners.has(id)) {
      owners.set(id, out.owners.length);
      out.owners.push({ id, name, unit, phone: phone || null });
      sources.owners.push([]);
    }
    sources.owners[owners.get(id)].push(line);
    out.vehicles.push({ plate, ownerId: id });
    sources.vehicles.push([line]);
    if (card) {
      out.cards.push({ number: card, ownerId: id, plate, status: 'ACTIVE' });
      sources.cards.push([line]);
    }
  });
  return { records: out, sources, rejected, accepted: out.vehicles.length };
}

/**
 * Central's answer to POST /api/registry/check ({records, index, message} per record it would refuse) as
 * line → reasons, added to `into`. An owner central refuses takes every line of that owner with it.
 */
export function refusedLines(problems, sources, into = new Map()) {
  problems.forEach(p => (sources[p.records]?.[p.index] ?? []).forEach(line => {
    into.set(line, [...(into.get(line) ?? []), p.message]);
  }));
  return into;
}
