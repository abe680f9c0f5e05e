/**
 * Every PostgreSQL advisory lock key of the service, in one place so that no two kinds of work
 * share one by accident. The values are the ones each lock has always had: during a rolling deploy
 * old and new instances must still exclude each other, so a value never changes once released.
 */
export enum LockId {
  /** Session lock around the migrations at start (`runMigrations`); above 2³¹, a bigint key. */
  Migrations = 7_291_340_118,
  /** The orientation sweeper ("SWEP"). */
  OrientationSweep = 0x5357_4550,
  /** Pattern slot generation ("PATN"). */
  PatternGeneration = 0x5041_544e,
  /** Patient data pseudonymisation ("PURG"), taken per batch. */
  PatientDataPurge = 0x5055_5247,
  /** Capacity confirmation nudges ("CAPC"). */
  CapacityNudge = 0x4341_5043,
  /** Questionnaire campaign reminders ("CAMP"). */
  CampaignReminders = 0x4341_4d50,
  /** Pruning of the availability event journal ("ave"). */
  AvailabilityEventPrune = 0x61_7665,
  /**
   * The availability event position assigner and the per-CPTS event trigger, taken in SQL by
   * `assign_availability_event_positions()` (migrations 1795462781278 and 1796380000000), not here.
   */
  AvailabilityEventPositions = 1_635_150_198,
  /**
   * Session lock of the instance whose relay puts a fast channel's committed rows in batch jobs
   * ("OBAT"), held on its listening connection (`PgListener.holds`).
   */
  OutboxBatchRelay = 0x4f42_4154,
}
