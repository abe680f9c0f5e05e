import { practiceColumns } from './practitioner-mapping';

describe('practiceColumns', () => {
  const centre = { latitude: 47.668, longitude: -2.982 };

  it('keeps the coordinates given', () => {
    expect(
      practiceColumns(
        { address: ' 1 rue ', communeCode: '56007', latitude: 47.6, longitude: -3 },
        centre,
      ),
    ).toEqual({ address: '1 rue', communeCode: '56007', latitude: 47.6, longitude: -3 });
  });

  it('falls back on the commune centre, then on nothing', () => {
    expect(practiceColumns({ address: '1 rue', communeCode: '56007' }, centre)).toEqual(
      expect.objectContaining(centre),
    );
    expect(practiceColumns({ address: '1 rue', communeCode: '56007' }, undefined)).toEqual(
      expect.objectContaining({ latitude: null, longitude: null }),
    );
  });
});
