/** The CPTS the demo data is built around. */
export const DEMO_CPTS = { slug: 'pays-auray', name: "CPTS du Pays d'Auray" } as const;

/**
 * The member communes of the Auray Quiberon Terre Atlantique EPCI (200043123), with their names as
 * in the commune referential and approximate commune-centre coordinates (WGS84, about 1 km).
 */
export const DEMO_COMMUNES: ReadonlyArray<{
  code: string;
  name: string;
  latitude: number;
  longitude: number;
}> = [
  { code: '56007', name: 'Auray', latitude: 47.668, longitude: -2.982 },
  { code: '56013', name: 'Belz', latitude: 47.676, longitude: -3.168 },
  { code: '56023', name: 'Brech', latitude: 47.721, longitude: -2.999 },
  { code: '56031', name: 'Camors', latitude: 47.848, longitude: -2.999 },
  { code: '56034', name: 'Carnac', latitude: 47.584, longitude: -3.078 },
  { code: '56046', name: 'Crach', latitude: 47.616, longitude: -3.0 },
  { code: '56054', name: 'Erdeven', latitude: 47.642, longitude: -3.157 },
  { code: '56055', name: 'Étel', latitude: 47.657, longitude: -3.2 },
  { code: '56085', name: 'Hœdic', latitude: 47.34, longitude: -2.876 },
  { code: '56086', name: "Île-d'Houat", latitude: 47.392, longitude: -2.959 },
  { code: '56096', name: 'Landaul', latitude: 47.747, longitude: -3.075 },
  { code: '56097', name: 'Landévant', latitude: 47.764, longitude: -3.119 },
  { code: '56116', name: 'Locmariaquer', latitude: 47.569, longitude: -2.945 },
  { code: '56119', name: 'Locoal-Mendon', latitude: 47.706, longitude: -3.11 },
  { code: '56161', name: 'Ploemel', latitude: 47.651, longitude: -3.073 },
  { code: '56168', name: 'Plouharnel', latitude: 47.597, longitude: -3.118 },
  { code: '56175', name: 'Plumergat', latitude: 47.742, longitude: -2.914 },
  { code: '56176', name: 'Pluneret', latitude: 47.676, longitude: -2.958 },
  { code: '56177', name: 'Pluvigner', latitude: 47.776, longitude: -3.011 },
  { code: '56186', name: 'Quiberon', latitude: 47.484, longitude: -3.12 },
  { code: '56233', name: 'Saint-Philibert', latitude: 47.588, longitude: -2.999 },
  { code: '56234', name: 'Saint-Pierre-Quiberon', latitude: 47.52, longitude: -3.139 },
  { code: '56258', name: 'La Trinité-sur-Mer', latitude: 47.587, longitude: -3.029 },
  { code: '56263', name: "Sainte-Anne-d'Auray", latitude: 47.7, longitude: -2.954 },
];
