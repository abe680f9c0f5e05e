import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, Matches } from 'class-validator';

import { COMMUNE_CODE } from './commune-code';

const MAX_COMMUNES = 2000;

/**
 * A list of distinct INSEE commune codes. The OpenAPI bounds are spelled out because the Swagger
 * plugin only reads the validators written on the property itself.
 */
export function IsCommuneCodes(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ uniqueItems: true, maxItems: MAX_COMMUNES }),
    IsArray(),
    ArrayUnique(),
    ArrayMaxSize(MAX_COMMUNES),
    Matches(COMMUNE_CODE, {
      each: true,
      message: 'each value in communeCodes must be an INSEE commune code such as 56007 or 2A004',
    }),
  );
}
