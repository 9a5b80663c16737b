import { schematron } from '../test/support/tbx-check.ts';

console.log(schematron('/work/shared/corpus/tbx/schemas/TBX-Basic_DCA.sch', '/tmp/ic/d', '/tmp/ic/w', '2.0'));
