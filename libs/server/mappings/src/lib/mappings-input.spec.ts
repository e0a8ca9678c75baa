import { BadRequestException } from '@nestjs/common';
import { toReferenceChange } from './mappings.service';
import { ReferenceKindEnum } from './mappings.types';

describe('toReferenceChange', () => {
  it('reads an area mapping for a trust (code upper-cased, blanks trimmed)', () => {
    expect(
      toReferenceChange({
        kind: ReferenceKindEnum.AREA_OF_WORK,
        orgCode: ' rj1 ',
        areaOfWork: ' A&E ',
        clinicalAreaCode: 'urgent-care',
      }),
    ).toEqual({ kind: 'area_of_work', orgCode: 'RJ1', areaOfWork: 'A&E', clinicalAreaCode: 'urgent-care' });
  });

  it('reads a removal as a null mapping and a national change as a null organisation', () => {
    expect(
      toReferenceChange({
        kind: ReferenceKindEnum.COURSE_EQUIVALENCE,
        courseName: 'AI Foundations',
        remove: true,
      }),
    ).toEqual({ kind: 'course_equivalence', orgCode: null, courseName: 'AI Foundations', moduleCode: null });
  });

  it('defaults a target to the whole population, today, amber from the target', () => {
    const t = toReferenceChange({
      kind: ReferenceKindEnum.COVERAGE_TARGET,
      regionCode: 'y56',
      targetPct: 80,
    });
    expect(t).toEqual({
      kind: 'coverage_target',
      orgCode: null,
      regionCode: 'Y56',
      layer: null,
      moduleCode: null,
      effectiveFrom: new Date().toISOString().slice(0, 10),
      targetPct: 80,
      amberPct: null,
    });
  });

  it('refuses what does not belong to the kind or is missing', () => {
    expect(() =>
      toReferenceChange({
        kind: ReferenceKindEnum.AREA_OF_WORK,
        regionCode: 'Y56',
        areaOfWork: 'x',
        clinicalAreaCode: 'y',
      }),
    ).toThrow(BadRequestException);
    expect(() => toReferenceChange({ kind: ReferenceKindEnum.AREA_OF_WORK, areaOfWork: 'x' })).toThrow(
      /clinical area is required/,
    );
    expect(() => toReferenceChange({ kind: ReferenceKindEnum.COVERAGE_TARGET })).toThrow(
      /target percentage is required/,
    );
  });
});
