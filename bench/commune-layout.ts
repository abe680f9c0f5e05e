import type { CommuneRecord } from '../src/territory/commune-referential';

export interface PlacedCommune {
  code: string;
  department: string;
  latitude: number;
  longitude: number;
}

// Metropolitan France's bounding box, cut into a grid with one cell per département (about
// 90 km square): the referential has no coordinates, and the bench needs plausible distances
// (neighbouring communes a few km apart, départements about 100 km apart), not real ones.
const SOUTH = 42.4;
const NORTH = 51.0;
const WEST = -4.6;
const EAST = 7.8;

/**
 * Synthetic but plausible commune centres: each département gets a grid cell, its communes are laid
 * out in code order on a square grid inside it, so that communes with neighbouring codes (and the
 * CPTS built from runs of them) lie close together.
 */
export function layOutCommunes(communes: readonly CommuneRecord[]): PlacedCommune[] {
  const byDepartment = new Map<string, CommuneRecord[]>();
  for (const commune of [...communes].sort((a, b) => a.code.localeCompare(b.code))) {
    const group = byDepartment.get(commune.department) ?? [];
    group.push(commune);
    byDepartment.set(commune.department, group);
  }
  const departments = [...byDepartment.keys()].sort();
  const columns = Math.ceil(Math.sqrt(departments.length));
  const rows = Math.ceil(departments.length / columns);
  const cellHeight = (NORTH - SOUTH) / rows;
  const cellWidth = (EAST - WEST) / columns;
  return departments.flatMap((department, index) => {
    const members = byDepartment.get(department)!;
    const south = SOUTH + Math.floor(index / columns) * cellHeight;
    const west = WEST + (index % columns) * cellWidth;
    const side = Math.ceil(Math.sqrt(members.length));
    return members.map((commune, position) => ({
      code: commune.code,
      department,
      latitude: round(south + ((Math.floor(position / side) + 0.5) / side) * cellHeight),
      longitude: round(west + (((position % side) + 0.5) / side) * cellWidth),
    }));
  });
}

function round(degrees: number): number {
  return Math.round(degrees * 1e5) / 1e5;
}
