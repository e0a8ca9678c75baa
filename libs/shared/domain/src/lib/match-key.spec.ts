import { matchKey, matchWords } from './match-key';
import { areaOfWorkKey, payBandRange } from './archetype-rules';

describe('matchKey', () => {
  it.each([
    ['Accident & Emergency', 'Accident and Emergency'],
    ['A&E', 'Accident and Emergency'],
    ['A & E', 'accident and emergency'],
    ['a and e', 'ACCIDENT AND EMERGENCY'],
    ['Obstetrics & Gynaecology', 'Obstetrics and Gynaecology'],
    ['O&G', 'Obstetrics and Gynaecology'],
    ['Obs & Gynae', 'Obstetrics and Gynaecology'],
    ['Paediatrics – Neonatal', 'Paediatrics - Neonatal'],
    ['Paediatrics—Neonatal', 'paediatrics neonatal'],
    ['Paeds', 'Paediatrics'],
    ['  Emergency   Department ', 'emergency_department'],
    ["Children's Services", 'Childrens Services'],
    ['AIF-01', 'aif 01'],
    ['T&O', 'Trauma and Orthopaedics'],
    ['Admin & Clerical', 'Administrative and Clerical'],
    ['Pediatrics', 'Paediatrics'],
    ['Mgmt.', 'management'],
  ])('%s matches %s', (a, b) => expect(matchKey(a)).toBe(matchKey(b)));

  it.each([
    ['Accident and Emergency', 'Emergency Medicine'],
    ['Paediatrics', 'Paediatric'],
    ['Maternity', 'Midwifery'],
    ['A&E', 'AE'],
  ])('keeps %s and %s apart', (a, b) => expect(matchKey(a)).not.toBe(matchKey(b)));

  it('expands only whole words, not parts of words', () => {
    expect(matchWords('Obsolete admin office')).toBe('obsolete administrative office');
    expect(matchWords('Seat and Exit')).toBe('seat and exit');
  });

  it('gives an empty key for a label with no letter or digit', () => {
    expect(matchKey(' – & ')).toBe('and');
    expect(matchKey(' —– ')).toBe('');
  });

  it('is what areas of work are mapped by', () => {
    expect(areaOfWorkKey('Accident & Emergency')).toBe('accidentandemergency');
  });
});

describe('payBandRange', () => {
  it('reads a range or a single band', () => {
    expect(payBandRange('B5..B7')).toEqual(['B5', 'B7']);
    expect(payBandRange('B6')).toEqual(['B6', 'B6']);
  });
});
