import { ApiProperty } from '@nestjs/swagger';

/** One NDJSON file of the publication. */
export class ManifestOutput {
  type!: 'Location' | 'Schedule' | 'Slot';
  url!: string;
}

/** The `$bulk-publish` manifest of SMART Scheduling Links. */
export class Manifest {
  /** When this data set was published. */
  transactionTime!: string;
  /** The manifest's own URL. */
  request!: string;
  output!: ManifestOutput[];
  @ApiProperty({ type: [String], maxItems: 0, description: 'Always empty: nothing failed.' })
  error!: string[];
}
