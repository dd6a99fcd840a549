// CAP areas and a source's area filter, as plane geometry on latitude and longitude
// (good enough at the scale of a council's area, and away from the antimeridian).

/** A closed ring of [lat, lon] points. */
export type Polygon = [number, number][];
export interface Circle {
  lat: number;
  lon: number;
  radiusKm: number;
}

const KM_PER_DEGREE = 111.32;
const MAX_POINTS = 2_000;

/** A CAP polygon ("lat,lon lat,lon …", at least four pairs, closed), or null when it is not one. */
export function parsePolygon(text: string): Polygon | null {
  const pairs = text.trim().split(/\s+/);
  if (pairs.length < 4 || pairs.length > MAX_POINTS) return null;
  const points: Polygon = [];
  for (const pair of pairs) {
    const [lat, lon] = pair.split(",").map(Number);
    if (!isLatitude(lat) || !isLongitude(lon)) return null;
    points.push([lat!, lon!]);
  }
  const [first, last] = [points[0]!, points.at(-1)!];
  return first[0] === last[0] && first[1] === last[1] ? points : null;
}

/** A CAP circle ("lat,lon radius-km"), or null. */
export function parseCircle(text: string): Circle | null {
  const [centre, radius] = text.trim().split(/\s+/);
  const [lat, lon] = (centre ?? "").split(",").map(Number);
  const radiusKm = Number(radius);
  if (!isLatitude(lat) || !isLongitude(lon) || !Number.isFinite(radiusKm) || radiusKm < 0) return null;
  return { lat: lat!, lon: lon!, radiusKm };
}

/** Whether an alert's area (its polygons and circles) meets the filter polygon. */
export function intersectsArea(filter: Polygon, area: { polygons: Polygon[]; circles: Circle[] }): boolean {
  return area.polygons.some((polygon) => polygonsIntersect(filter, polygon)) || area.circles.some((circle) => circleMeetsPolygon(circle, filter));
}

function polygonsIntersect(a: Polygon, b: Polygon): boolean {
  if (a.some((point) => contains(b, point)) || b.some((point) => contains(a, point))) return true;
  for (let i = 0; i < a.length - 1; i++) {
    for (let j = 0; j < b.length - 1; j++) if (segmentsCross(a[i]!, a[i + 1]!, b[j]!, b[j + 1]!)) return true;
  }
  return false;
}

function circleMeetsPolygon(circle: Circle, polygon: Polygon): boolean {
  const centre: [number, number] = [circle.lat, circle.lon];
  if (contains(polygon, centre)) return true;
  // Degrees of longitude shrink towards the poles: measure in km.
  const scale = Math.cos((circle.lat * Math.PI) / 180);
  const toKm = ([lat, lon]: [number, number]): [number, number] => [(lat - circle.lat) * KM_PER_DEGREE, (lon - circle.lon) * KM_PER_DEGREE * scale];
  for (let i = 0; i < polygon.length - 1; i++) {
    if (distanceToSegment([0, 0], toKm(polygon[i]!), toKm(polygon[i + 1]!)) <= circle.radiusKm) return true;
  }
  return false;
}

/** Even-odd ray casting. */
function contains(polygon: Polygon, [y, x]: [number, number]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [yi, xi] = polygon[i]!;
    const [yj, xj] = polygon[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function segmentsCross(p1: [number, number], p2: [number, number], q1: [number, number], q2: [number, number]): boolean {
  const side = (a: [number, number], b: [number, number], c: [number, number]) => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
  const [d1, d2, d3, d4] = [side(q1, q2, p1), side(q1, q2, p2), side(p1, p2, q1), side(p1, p2, q2)];
  return d1 !== d2 && d3 !== d4;
}

function distanceToSegment(p: [number, number], a: [number, number], b: [number, number]): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

function isLatitude(value: number | undefined): boolean {
  return value !== undefined && Number.isFinite(value) && value >= -90 && value <= 90;
}

function isLongitude(value: number | undefined): boolean {
  return value !== undefined && Number.isFinite(value) && value >= -180 && value <= 180;
}
