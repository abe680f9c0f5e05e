import { LockId } from './lock-ids';

describe('LockId', () => {
  it('keeps the keys the instances already running take, so a rolling deploy stays exclusive', () => {
    expect({ ...LockId }).toMatchObject({
      Migrations: 7_291_340_118,
      OrientationSweep: 0x5357_4550,
      PatternGeneration: 0x5041_544e,
      PatientDataPurge: 0x5055_5247,
      CapacityNudge: 0x4341_5043,
      CampaignReminders: 0x4341_4d50,
      AvailabilityEventPrune: 0x61_7665,
      AvailabilityEventPositions: 1_635_150_198,
      OutboxBatchRelay: 0x4f42_4154,
    });
  });

  it('gives every kind of work a key of its own', () => {
    const keys = Object.values(LockId).filter((value) => typeof value === 'number');
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(9);
  });
});
