/** Canonical URLs and codes of the SAS implementation guide (ans.fhir.fr.sas) that we emit. */
export const PROFILES = {
  cptsBundle:
    'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-cpts-bundle-aggregator',
  cptsSlot:
    'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-cpts-slot-aggregator',
  individualBundle: 'http://sas.fr/fhir/StructureDefinition/BundleAgregateur',
  individualSlot: 'http://sas.fr/fhir/StructureDefinition/FrSlotAgregateur',
  schedule: 'http://sas.fr/fhir/StructureDefinition/FrScheduleAgregateur',
  practitioner: 'http://sas.fr/fhir/StructureDefinition/FrPractitionerAgregateur',
  practitionerRole: 'http://sas.fr/fhir/StructureDefinition/FrPractitionerRoleExerciceAgregateur',
  location: 'http://sas.fr/fhir/StructureDefinition/FrLocationAgregateur',
  healthcareService:
    'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-cpts-healthcareservice-aggregator',
  organization:
    'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-cpts-organization-aggregator',
} as const;

/** The national identifier system of health professionals (RPPS `8…`, ADELI `0…`). */
export const IDNPS_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.1';
export const IDNST_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.2';
export const IDNPS_TYPE = {
  system: 'http://interopsante.org/fhir/CodeSystem/fr-v2-0203',
  code: 'IDNPS',
};
/** The 1.1.0 and 1.2.0 packages of the guide disagree on the system of IDNST: both are sent. */
export const IDNST_TYPES = [
  { system: 'http://interopsante.org/fhir/CodeSystem/fr-location-identifier-type', code: 'IDNST' },
  { system: 'https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0203', code: 'IDNST' },
];
export const INTRN_LOCATION_TYPE = {
  system: 'http://interopsante.org/fhir/CodeSystem/fr-location-identifier-type',
  code: 'INTRN',
};
export const SLOT_TYPE_SYSTEM =
  'https://mos.esante.gouv.fr/NOS/TRE_R314-TypeCreneau/FHIR/TRE-R314-TypeCreneau';
export const ACT_CODE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
export const CPTS_CATEGORY = {
  system:
    'https://mos.esante.gouv.fr/NOS/TRE_R66-CategorieEtablissement/FHIR/TRE-R66-CategorieEtablissement',
  code: '604',
  display: 'Communauté Professionnelle Territoriale de Santé (CPTS)',
};
export const SLOT_SERVICE_TYPE_EXTENSION =
  'http://hl7.org/fhir/5.0/StructureDefinition/extension-Slot.serviceType';
export const ROUTINE = { system: 'http://terminology.hl7.org/CodeSystem/v2-0276', code: 'ROUTINE' };
export const GENERAL_PRACTICE = {
  system:
    'https://mos.esante.gouv.fr/NOS/TRE_R38-SpecialiteOrdinale/FHIR/TRE-R38-SpecialiteOrdinale',
  code: 'SM54',
  display: 'Médecine générale (SM)',
};

export const FHIR_JSON = 'application/fhir+json';
