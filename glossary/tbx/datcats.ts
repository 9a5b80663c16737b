/**
 * Data categories the TBX dialects allow, taken from the official XCS files
 * (TBXBasicXCSV02.xcs, TBXXCSV02.xcs; MIT, via cimiano/tbx2rdf) and the TBX-Basic Schematron.
 * A list maps a data-category name to its picklist (null: free text).
 *
 * Why hard-coded rather than read from the XCS a file names: the XCS is an external
 * resource, and the importer never fetches anything a file points at.
 */
export type DatCatTable = Record<string, Record<string, readonly string[] | null>>;

const BASIC_POS = ['noun', 'verb', 'adjective', 'adverb', 'properNoun', 'other'] as const;
const ADMIN_STATUS = ['preferredTerm-admn-sts', 'admittedTerm-admn-sts', 'deprecatedTerm-admn-sts', 'supersededTerm-admn-sts'] as const;

export const TBX_BASIC: DatCatTable = {
  termNote: {
    administrativeStatus: ADMIN_STATUS,
    geographicalUsage: null,
    grammaticalGender: ['masculine', 'feminine', 'neuter', 'other'],
    partOfSpeech: BASIC_POS,
    termLocation: null,
    termType: ['abbreviation', 'acronym', 'fullForm', 'shortForm', 'variant', 'phrase'],
  },
  descrip: { context: null, definition: null, subjectField: null },
  ref: { crossReference: null },
  admin: { customerSubset: null, projectSubset: null, source: null },
  xref: { externalCrossReference: null, xGraphic: null, xSource: null },
  transacNote: { responsibility: null },
  transac: { transactionType: ['origination', 'modification'] },
  note: {},
};

export const TBX_DEFAULT: DatCatTable = {
  termNote: {
    abbreviatedFormFor: null,
    administrativeStatus: [...ADMIN_STATUS, 'standardizedTerm-admn-sts', 'legalTerm-admn-sts', 'regulatedTerm-admn-sts'],
    animacy: null,
    antonymTerm: null,
    directionality: null,
    etymology: null,
    falseFriend: null,
    frequency: ['commonlyUsed', 'infrequentlyUsed', 'rarelyUsed'],
    geographicalUsage: null,
    grammaticalGender: null,
    grammaticalNumber: null,
    grammaticalValency: null,
    homograph: null,
    'language-planningQualifier': ['recommendedTerm', 'nonstandardizedTerm', 'proposedTerm', 'newTerm'],
    lionHotkey: null,
    normativeAuthorization: ['standardizedTerm', 'preferredTerm', 'admittedTerm', 'deprecatedTerm', 'supersededTerm', 'legalTerm', 'regulatedTerm'],
    partOfSpeech: null,
    processStatus: ['unprocessed', 'provisionallyProcessed', 'finalized'],
    pronunciation: null,
    proprietaryRestriction: ['trademark', 'serviceMark', 'tradeName'],
    register: ['colloquialRegister', 'neutralRegister', 'technicalRegister', 'in-houseRegister', 'bench-levelRegister', 'slangRegister', 'vulgarRegister'],
    shortFormFor: null,
    temporalQualifier: ['archaicTerm', 'outdatedTerm', 'obsoleteTerm'],
    termLocation: null,
    termProvenance: ['transdisciplinaryBorrowing', 'translingualBorrowing', 'loanTranslation', 'neologism'],
    termStructure: null,
    termType: [
      'abbreviation', 'acronym', 'clippedTerm', 'commonName', 'entryTerm', 'equation', 'formula', 'fullForm', 'initialism',
      'internationalScientificTerm', 'internationalism', 'logicalExpression', 'phraseologicalUnit', 'partNumber', 'shortForm',
      'shortcut', 'sku', 'symbol', 'synonym', 'synonymousPhrase', 'standardText', 'string', 'transliteratedForm',
      'transcribedForm', 'variant',
    ],
    timeRestriction: null,
    transferComment: null,
    usageNote: null,
  },
  admin: Object.fromEntries(
    [
      'annotatedNote', 'applicationSubset', 'businessUnitSubset', 'conceptOrigin', 'customerSubset', 'databaseType',
      'domainExpert', 'entrySource', 'environmentSubset', 'indexHeading', 'keyword', 'originatingDatabase',
      'originatingInstitution', 'originatingPerson', 'productSubset', 'projectSubset', 'searchTerm', 'sortKey', 'source',
      'sourceIdentifier', 'subsetOwner',
    ].map((n) => [n, null]),
  ),
  descrip: Object.fromEntries(
    [
      'antonymConcept', 'associatedConcept', 'audio', 'broaderConceptGeneric', 'broaderConceptPartitive', 'characteristic',
      'classificationCode', 'conceptPosition', 'context', 'coordinateConceptGeneric', 'coordinateConceptPartitive',
      'definition', 'example', 'explanation', 'figure', 'otherBinaryData', 'quantity', 'range', 'relatedConcept',
      'relatedConceptBroader', 'relatedConceptNarrower', 'sampleSentence', 'sequentiallyRelatedConcept',
      'spatiallyRelatedConcept', 'subjectField', 'subordinateConceptGeneric', 'subordinateConceptPartitive',
      'superordinateConceptGeneric', 'superordinateConceptPartitive', 'table', 'temporallyRelatedConcept',
      'thesaurusDescriptor', 'unit', 'video', 'reliabilityCode',
    ].map((n) => [n, null]),
  ),
  descripNote: { contextType: null, definitionType: null, descriptionType: null },
  xref: Object.fromEntries(['corpusTrace', 'externalCrossReference', 'xAudio', 'xGraphic', 'xMathML', 'xSource', 'xVideo'].map((n) => [n, null])),
  ref: { crossReference: null, see: null },
  adminNote: { noteSource: null, sourceType: ['parallelText', 'backgroundText'] },
  transacNote: { responsibility: null, usageCount: null },
  transac: {
    transactionType: [
      'origination', 'input', 'modification', 'check', 'approval', 'withdrawal', 'standardization', 'exportation',
      'importation', 'proposal', 'userAccess',
    ],
  },
  note: {},
};
TBX_DEFAULT.admin!.elementWorkingStatus = ['starterElement', 'workingElement', 'consolidatedElement', 'archiveElement', 'importedElement', 'exportedElement'];
TBX_DEFAULT.admin!.securitySubset = ['public', 'confidential'];
