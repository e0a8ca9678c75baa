import { fileRuleReference } from '../testing/reference-fixtures';
import { expandPayBands, matchAssignment, resolveStaffGroups, titleHasKeyword } from './rule-conditions';

const ref = fileRuleReference();
const nurse = {
  staffGroupCode: '03',
  positionTitle: 'Staff Nurse',
  payBand: 'B5',
  clinicalAreaCode: 'urgent-care',
};

describe('rule condition semantics', () => {
  it('matches title keywords as whole words, case-insensitively, with punctuation between phrase words', () => {
    const re = (k: string[]) => ({ test: (title: string) => titleHasKeyword(title, k) !== undefined });
    expect(re(['IT']).test('Head of IT')).toBe(true);
    expect(re(['IT']).test('Digital Lead')).toBe(false);
    expect(re(['PACS']).test('RIS/PACS Administrator')).toBe(true);
    expect(re(['IM&T']).test('Director of IM&T')).toBe(true);
    expect(re(['category manager digital']).test('Category Manager - Digital')).toBe(true);
    expect(re(['developer']).test('Business Development Manager')).toBe(false);
  });

  it('expands pay band ranges by pay-bands.yaml order and keeps medical grades out of an AfC range', () => {
    expect(expandPayBands(['B8A..B9'], ref)).toEqual(['B8A', 'B8B', 'B8C', 'B8D', 'B9']);
    expect(expandPayBands(['M-SAS..M-CON', 'VSM'], ref)).toEqual(['M-SAS', 'M-CON', 'VSM']);
    expect(expandPayBands(['B9..B1'], ref)).toEqual([]);
  });

  it('resolves staff groups given by code, name or ESR label', () => {
    expect(
      resolveStaffGroups(
        ['03', 'allied health professionals', 'Add Prof Scientific and Technic'],
        ref,
      ).sort(),
    ).toEqual(['03', '04', '05']);
  });

  it('ANDs conditions and ORs the values of one condition', () => {
    const c = { staffGroups: ['01', '03'], clinicalAreas: ['imaging', 'urgent-care'] };
    expect(matchAssignment(c, nurse, ref).matched).toBe(true);
    expect(matchAssignment(c, { ...nurse, clinicalAreaCode: 'maternity' }, ref).matched).toBe(false);
    expect(matchAssignment(c, { ...nurse, staffGroupCode: '08' }, ref).matched).toBe(false);
  });

  it('lets an excluded title keyword veto a match and reports the evidence of a match', () => {
    const c = { titleKeywords: ['chief information officer'], exclude: ['PA'] };
    expect(
      matchAssignment(c, { staffGroupCode: '08', positionTitle: 'PA to the Chief Information Officer' }, ref)
        .matched,
    ).toBe(false);
    expect(
      matchAssignment(c, { staffGroupCode: '08', positionTitle: 'Chief Information Officer' }, ref),
    ).toEqual({
      matched: true,
      evidence: [
        {
          condition: 'titleKeywords',
          field: 'positionTitle',
          value: 'Chief Information Officer',
          matchedBy: 'chief information officer',
        },
      ],
    });
  });

  it('matches job roles by name or code, occupation code prefixes and folded areas of work', () => {
    expect(
      matchAssignment({ jobRoles: ['01026'] }, { staffGroupCode: '01', jobRole: '01026' }, ref).matched,
    ).toBe(true);
    expect(
      matchAssignment({ occupationCodePrefixes: ['U'] }, { staffGroupCode: '06', occupationCode: 'u1a' }, ref)
        .matched,
    ).toBe(true);
    expect(
      matchAssignment({ occupationCodePrefixes: ['U'] }, { staffGroupCode: '06', occupationCode: 'S1A' }, ref)
        .matched,
    ).toBe(false);
    expect(
      matchAssignment(
        { areasOfWork: ['Clinical Radiology'] },
        { staffGroupCode: '01', areaOfWork: ' clinical_radiology ' },
        ref,
      ).matched,
    ).toBe(true);
  });

  it('never matches on a missing value or an empty rule', () => {
    expect(
      matchAssignment({ titleKeywords: ['nurse'] }, { staffGroupCode: '03', positionTitle: null }, ref)
        .matched,
    ).toBe(false);
    expect(matchAssignment({}, nurse, ref).matched).toBe(false);
  });
});
