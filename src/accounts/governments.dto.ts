import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import type { Organization } from './organization.entity';

export class GovernmentsQuery {
  @ApiProperty({
    example: '35.07',
    description: 'the region; its own government and its province government are listed',
  })
  @Matches(/^\d{2}(\.\d{2})?$/, { message: 'regionCode must look like 35 or 35.07' })
  regionCode: string;
}

/**
 * A verified government organization, as the other party to an agreement needs to name it: no
 * contact details (those are shared in confirmed trades only).
 */
export class GovernmentView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'Dinas Ketahanan Pangan Kabupaten Malang' }) name: string;
  @ApiProperty({ example: '35.07' }) regionCode: string;

  static from(o: Organization): GovernmentView {
    return Object.assign(new GovernmentView(), {
      id: o.id,
      name: o.name,
      regionCode: o.regionCode,
    });
  }
}
