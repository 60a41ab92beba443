import { buildTemplatesConfig, placeholdersOf, templateProblems, templateRowsOf } from './whatsapp-templates';

const SHIPPED = 'HX11111111111111111111111111111111';
const FOLLOW_UP = 'HXabcdefabcdefabcdefabcdefabcdef01';

describe('placeholdersOf', () => {
  it('lists each placeholder once, in order of first use', () => {
    expect(placeholdersOf('Hi {{1}}, order {{2}} is on its way, {{1}}.')).toEqual(['1', '2']);
  });

  it('reads spaced and named placeholders the way the agent picker fills them', () => {
    expect(placeholdersOf('Код {{ 2 }} для {{name}}')).toEqual(['2', 'name']);
  });

  it('finds none in plain text or broken braces', () => {
    expect(placeholdersOf('Thanks for waiting {1} {{}}')).toEqual([]);
  });
});

describe('templateProblems', () => {
  it('flags a missing id, a malformed ContentSid and the second row reusing an id', () => {
    const rows = [
      { id: SHIPPED, name: 'Shipped', body: 'Hi {{1}}' },
      { id: '', name: 'No id yet', body: '' },
      { id: 'HX123', name: 'Too short', body: '' },
      { id: 'MG11111111111111111111111111111111', name: 'Not content', body: '' },
      { id: ` ${SHIPPED} `, name: 'Copy', body: '' },
    ];
    expect(templateProblems(rows)).toEqual({ 1: 'idMissing', 2: 'idFormat', 3: 'idFormat', 4: 'idDuplicate' });
  });

  it('accepts distinct ContentSids in either case', () => {
    expect(templateProblems([{ id: SHIPPED, name: '', body: '' }, { id: 'HXABCDEFABCDEFABCDEFABCDEFABCDEF02', name: '', body: '' }, { id: FOLLOW_UP, name: '', body: '' }])).toEqual({});
  });
});

describe('buildTemplatesConfig', () => {
  it('derives the variables from the body and trims what was typed', () => {
    expect(buildTemplatesConfig([{ id: ` ${SHIPPED}`, name: ' Order shipped ', body: 'Hi {{1}}, order {{2}} is on its way. ' }])).toEqual([
      { id: SHIPPED, name: 'Order shipped', variables: ['1', '2'], body: 'Hi {{1}}, order {{2}} is on its way.' },
    ]);
  });

  it('names an unnamed template by its ContentSid and leaves a blank body out, as the api does', () => {
    expect(buildTemplatesConfig([{ id: FOLLOW_UP, name: '', body: '  ' }])).toEqual([{ id: FOLLOW_UP, name: FOLLOW_UP, variables: [] }]);
  });

  it('round-trips the templates an inbox already has', () => {
    const templates = [{ id: SHIPPED, name: 'Order shipped', variables: ['1', '2'], body: 'Hi {{1}}, order {{2}} is on its way.' }];
    expect(buildTemplatesConfig(templateRowsOf({ from: 'whatsapp:+14155238886', templates }))).toEqual(templates);
    expect(templateRowsOf({ from: '+1' })).toEqual([]);
  });
});
