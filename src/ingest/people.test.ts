import { describe, expect, it } from 'vitest';
import { firstName, nameAtEnd, nameThenRole, personBefore, personInClause, readNameThenRole } from './people.js';

describe('names come out clean', () => {
  it('a name runs over extra spaces inside a line, not over punctuation', () => {
    expect(firstName('đồng chí Nguyễn Lan  Hương, Ủy viên')?.name).toBe('Nguyễn Lan Hương');
    expect(firstName('Nguyễn Lan, Hương')?.name).toBe('Nguyễn Lan');
  });

  it('a space before the comma after a name does not change the name or its role', () => {
    expect(nameThenRole('đồng chí Nguyễn Lan Hương , Ủy viên Ban Thường vụ Thành ủy')).toEqual({
      name: 'Nguyễn Lan Hương',
      role: 'Ủy viên Ban Thường vụ Thành ủy',
    });
  });

  it('a last syllable misprinted in lowercase before a title is part of the name, capitalised', () => {
    expect(nameThenRole('ông Nguyễn Xuân phi, Bí thư Tỉnh ủy')).toEqual({ name: 'Nguyễn Xuân Phi', role: 'Bí thư Tỉnh ủy' });
    // A verb after a name is not a syllable of it.
    expect(nameThenRole('ông Nguyễn Xuân Phúc nói, Bí thư Tỉnh ủy')?.name).toBe('Nguyễn Xuân Phúc');
    expect(nameThenRole('ông Nguyễn Xuân và, Bí thư')?.name).toBe('Nguyễn Xuân');
  });

  it('a capitalised syllable that starts a title is not part of a name ("Đoàn Chủ tịch", "Đoàn Đại biểu")', () => {
    expect(firstName('Đoàn Chủ tịch điều hành đại hội.')).toBeNull();
    expect(firstName('Đoàn Thư ký gồm 2 đồng chí.')).toBeNull();
    expect(personInClause('Đoàn Chủ tịch điều hành đại hội')).toBeNull();
    expect(nameThenRole('Lý Tiết Hạnh, Phó Trưởng đoàn chuyên trách Đoàn Đại biểu Quốc hội tỉnh')).toEqual({
      name: 'Lý Tiết Hạnh',
      role: 'Phó Trưởng đoàn chuyên trách Đoàn Đại biểu Quốc hội tỉnh',
    });
  });

  it('two- to four-syllable names, including less common family names', () => {
    for (const name of ['Vi Bích', 'Tào Văn Đô', 'Bế Thị Hồng', 'Võ Ngọc Quốc Thuận', 'Giàng A Chu']) {
      expect(firstName(`Đồng chí ${name} phát biểu.`)?.name).toBe(name);
    }
  });

  it('"đ/c" is an honorific; a place after "bà" is not a name', () => {
    expect(nameThenRole('đ/c Lê Nguyên Châu – Bí Thư Huyện ủy Phú Tân')).toEqual({ name: 'Lê Nguyên Châu', role: 'Bí Thư Huyện ủy Phú Tân' });
    expect(personBefore('bà Nguyễn Thị Yến, nguyên Phó Bí thư Tỉnh ủy Bà Rịa')).toEqual({ name: 'Nguyễn Thị Yến', role: 'nguyên Phó Bí thư Tỉnh ủy Bà Rịa' });
  });

  it('a role in parentheses after the name, and the rest of the clause after the role', () => {
    expect(readNameThenRole('Ông Nguyễn Hữu Hiệp (trưởng Ban dân vận Thành ủy) tặng hoa')).toEqual({
      person: { name: 'Nguyễn Hữu Hiệp', role: 'trưởng Ban dân vận Thành ủy' },
      rest: 'tặng hoa',
    });
    expect(readNameThenRole('đồng chí Trần Văn Tuấn, Phó Chủ tịch HĐND thành phố dự và chỉ đạo đại hội')?.rest).toBe('dự và chỉ đạo đại hội');
  });

  it('title-first names keep the whole title, and a place before the name is not part of it', () => {
    expect(nameAtEnd('Phó Bí thư Thành ủy Hà Nội Đào Đức Toàn')).toEqual({ name: 'Đào Đức Toàn', role: 'Phó Bí thư Thành ủy Hà Nội' });
  });
});
