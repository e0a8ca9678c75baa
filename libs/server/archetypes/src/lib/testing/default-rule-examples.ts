/**
 * Realistic ESR-style assignments for every default rule in db/reference/archetype-rules.yaml: people
 * the rule must map (`allowed`) and near misses it must not (`notAllowed`). The unit test checks them
 * with the pure matcher and the integration test with the SQL evaluation, so both engines agree.
 * Tuple: [staff group code, job role, position title, area of work, pay band code].
 */
export type RoleExample = [string, string, string, string, string | null];

export const DEFAULT_RULE_EXAMPLES: Record<string, { allowed: RoleExample[]; notAllowed: RoleExample[] }> = {
  'shaper-policy-regulation': {
    allowed: [
      ['08', 'Senior Manager', 'Head of AI Policy and Regulation', 'Strategy and Planning', 'B8C'],
      ['01', 'Consultant', 'National Clinical Director for Imaging', 'Clinical Radiology', 'M-CON'],
      ['08', 'Manager', 'Digital Standards Lead', 'Informatics', 'B8A'],
    ],
    notAllowed: [
      ['08', 'Administrator', 'Policy Officer', 'Corporate Services', 'B4'],
      ['08', 'Senior Manager', 'Head of HR Policy', 'Human Resources', 'B8B'],
    ],
  },
  'shaper-strategy-executives': {
    allowed: [
      ['08', 'Other Executive Director', 'Director of Strategy and Partnerships', 'Executive', 'VSM'],
      ['08', 'Senior Manager', 'Chief Strategy Officer', 'Strategy and Planning', 'B9'],
    ],
    notAllowed: [
      ['08', 'Senior Manager', 'Deputy Director of Strategy', 'Strategy and Planning', 'B8D'],
      ['08', 'Personal Assistant', 'PA to the Director of Strategy', 'Executive', 'B4'],
    ],
  },
  'shaper-professional-educators': {
    allowed: [
      [
        '01',
        'Consultant',
        'Associate Dean for Postgraduate Medical Education',
        'Education and Training',
        'M-CON',
      ],
      ['01', 'Consultant', 'Director of Medical Education', 'Education and Training', 'M-CON'],
    ],
    notAllowed: [
      ['08', 'Clerical Worker', 'Medical Education Coordinator', 'Education and Training', 'B4'],
      ['08', 'Administrator', 'Postgraduate Dean Administrator', 'Education and Training', 'B3'],
    ],
  },
  'driver-digital-leaders': {
    allowed: [
      ['01', 'Consultant', 'Chief Clinical Information Officer', 'Clinical Informatics', 'M-CON'],
      ['03', 'Nurse Manager', 'CNIO', 'Digital Services', 'B8C'],
      ['08', 'Other Executive Director', 'Chief Digital and Information Officer', 'Executive', 'VSM'],
      ['08', 'Senior Manager', 'Deputy Chief Information Officer', 'IM&T', 'B8D'],
      ['01', 'Consultant', 'Clinical Director for Digital', 'Executive', 'M-CON'],
    ],
    notAllowed: [
      ['08', 'Personal Assistant', 'PA to the Chief Information Officer', 'IM&T', 'B4'],
      ['08', 'Analyst', 'Information Officer', 'Business Intelligence', 'B5'],
    ],
  },
  'driver-transformation-leads': {
    allowed: [
      ['08', 'Manager', 'Digital Transformation Lead', 'Transformation', 'B8A'],
      ['03', 'Nurse Manager', 'Head of Transformation - Urgent Care', 'Urgent Care', 'B8B'],
    ],
    notAllowed: [
      ['08', 'Administrator', 'Transformation Project Support Officer', 'Transformation', 'B4'],
      ['08', 'Manager', 'Transformation Manager', 'Transformation', 'B6'],
    ],
  },
  'driver-clinical-commissioners': {
    allowed: [
      ['01', 'Consultant', 'Clinical Commissioning Lead for Cancer', 'Oncology', 'M-CON'],
      ['08', 'Senior Manager', 'Head of Commissioning', 'Strategy and Planning', 'B8C'],
    ],
    notAllowed: [
      ['08', 'Administrator', 'Commissioning Support Officer', 'Strategy and Planning', 'B4'],
      ['09', 'Technician', 'Commissioning Engineer (Estates)', 'Estates', 'B6'],
    ],
  },
  'driver-executive-board': {
    allowed: [
      ['08', 'Chief Executive', 'Chief Executive', 'Executive', 'VSM'],
      ['01', 'Medical Director', 'Medical Director', 'Executive', 'M-CON'],
      ['03', 'Director of Nursing', 'Chief Nurse', 'Executive', 'VSM'],
    ],
    notAllowed: [
      ['08', 'Personal Assistant', 'Executive Assistant to the Chief Executive', 'Executive', 'B5'],
      ['01', 'Consultant', 'Associate Medical Director', 'General Medicine', 'M-CON'],
      ['08', 'Senior Manager', 'Non-Executive Director', 'Board', 'VSM'],
    ],
  },
  'creator-data-scientists': {
    allowed: [
      ['08', 'Analyst', 'Senior Data Scientist', 'Business Intelligence', 'B7'],
      ['08', 'Technician', 'Machine Learning Engineer', 'Data Science', 'B7'],
      ['06', 'Healthcare Scientist', 'Data Engineer', 'Clinical Genetics', 'B6'],
    ],
    notAllowed: [
      ['08', 'Analyst', 'Information Analyst', 'Business Intelligence', 'B5'],
      ['06', 'Healthcare Scientist', 'Biomedical Scientist', 'Biochemistry', 'B6'],
    ],
  },
  'creator-software-engineers': {
    allowed: [
      ['08', 'Technician', 'Senior Software Engineer', 'Digital Services', 'B7'],
      ['08', 'Analyst', 'Developer', 'IM&T', 'B6'],
      ['08', 'Technician', 'Full Stack Developer', 'Health Informatics', 'B6'],
    ],
    notAllowed: [
      ['08', 'Manager', 'Business Development Manager', 'Corporate Services', 'B7'],
      ['08', 'Manager', 'Workforce Developer', 'Workforce', 'B6'],
    ],
  },
  'creator-clinical-scientists-ai': {
    allowed: [
      ['06', 'Healthcare Scientist', 'Clinical Scientist (Data Science and AI)', 'Medical Physics', 'B7'],
      [
        '06',
        'Consultant Healthcare Scientist',
        'Principal Clinical Scientist - Scientific Computing',
        'Medical Physics',
        'B8B',
      ],
    ],
    notAllowed: [
      ['08', 'Manager', 'AI Project Officer', 'Transformation', 'B6'],
      ['06', 'Healthcare Scientist', 'Clinical Scientist - Audiology', 'ENT', 'B7'],
    ],
  },
  'creator-bioinformaticians': {
    allowed: [
      ['06', 'Healthcare Scientist', 'Clinical Bioinformatician', 'Genomics', 'B7'],
      ['05', 'Technician', 'Bioinformatics Scientist', 'Clinical Genetics', 'B6'],
    ],
    notAllowed: [['06', 'Healthcare Scientist', 'Genetic Technologist', 'Genomics', 'B5']],
  },
  'embedder-clinical-safety': {
    allowed: [
      ['03', 'Nurse Manager', 'Clinical Safety Officer', 'Clinical Safety', 'B7'],
      ['01', 'Consultant', 'Consultant Anaesthetist and Clinical Safety Lead', 'Anaesthetics', 'M-CON'],
      ['04', 'Paramedic', 'Digital Clinical Safety Officer (CSO)', 'Ambulance Service', 'B7'],
    ],
    notAllowed: [
      ['06', 'Consultant Healthcare Scientist', 'Chief Scientific Officer (CSO)', 'Executive', 'VSM'],
      ['03', 'Staff Nurse', 'Patient Safety Nurse', 'General Medicine', 'B6'],
    ],
  },
  'embedder-digital-teams': {
    allowed: [
      ['08', 'Technician', 'IT Service Desk Analyst', 'IM&T', 'B4'],
      ['08', 'Analyst', 'Senior Information Analyst', 'Business Intelligence', 'B6'],
      ['06', 'Healthcare Scientist', 'Clinical Scientist', 'Medical Physics', 'B7'],
    ],
    notAllowed: [
      ['08', 'Secretary', 'Secretary to the Director of Digital', 'Digital Services', 'B4'],
      ['08', 'Clerical Worker', 'Ward Clerk', 'General Medicine', 'B2'],
    ],
  },
  'embedder-it-informatics-titles': {
    allowed: [
      ['03', 'Specialist Nurse Practitioner', 'Digital Nurse Specialist', 'General Medicine', 'B7'],
      ['08', 'Senior Manager', 'Head of IT', 'Corporate Services', 'B8B'],
      ['04', 'Radiographer - Diagnostic', 'Clinical Systems Lead', 'Radiology', 'B7'],
      ['08', 'Clerical Worker', 'EPR Trainer', 'Administration', 'B5'],
      ['08', 'Technical - IT', 'Systems Administrator', 'Radiology', 'B5'],
    ],
    notAllowed: [
      ['08', 'Manager', 'Digital Marketing Officer', 'Communications', 'B5'],
      ['09', 'Maintenance Craftsperson', 'Building Infrastructure Officer', 'Estates', 'B4'],
      ['08', 'Personal Assistant', 'PA to the Head of IT', 'Corporate Services', 'B4'],
    ],
  },
  'embedder-pacs-imaging-systems': {
    allowed: [
      ['04', 'Radiographer - Diagnostic', 'PACS Manager', 'Radiology', 'B8A'],
      ['08', 'Administrator', 'RIS/PACS Administrator', 'Radiology', 'B5'],
    ],
    notAllowed: [
      ['04', 'Radiographer - Diagnostic', 'Senior Radiographer', 'Radiology', 'B6'],
      ['07', 'Healthcare Assistant', 'Imaging Assistant', 'Radiology', 'B3'],
    ],
  },
  'embedder-medical-physics-engineering': {
    allowed: [
      ['06', 'Healthcare Scientist', 'Medical Physicist', 'Radiotherapy', 'B7'],
      ['06', 'Healthcare Science Practitioner', 'Clinical Engineering Technologist', 'Theatres', 'B5'],
    ],
    notAllowed: [
      ['08', 'Secretary', 'Medical Physics Secretary', 'Medical Physics', 'B3'],
      ['04', 'Physiotherapist', 'Physiotherapist', 'Physiotherapy', 'B6'],
    ],
  },
  'embedder-information-governance': {
    allowed: [
      ['08', 'Manager', 'Information Governance Manager', 'Governance', 'B7'],
      ['08', 'Senior Manager', 'Data Protection Officer', 'Corporate Services', 'B8A'],
    ],
    notAllowed: [
      ['08', 'Administrator', 'Information Governance Assistant', 'Governance', 'B3'],
      ['08', 'Manager', 'Clinical Governance Manager', 'Governance', 'B7'],
    ],
  },
  'embedder-digital-procurement': {
    allowed: [
      ['08', 'Manager', 'Digital Procurement Lead', 'Procurement', 'B8A'],
      ['08', 'Manager', 'Category Manager - Digital', 'Procurement', 'B7'],
    ],
    notAllowed: [
      ['08', 'Clerical Worker', 'Procurement Assistant', 'Procurement', 'B3'],
      ['08', 'Manager', 'Category Manager - Estates', 'Procurement', 'B7'],
    ],
  },
  'user-registered-clinicians-ai-areas': {
    allowed: [
      ['01', 'Consultant', 'Consultant Radiologist', 'Clinical Radiology', 'M-CON'],
      ['03', 'Staff Nurse', 'Staff Nurse', 'Emergency Department', 'B5'],
      ['04', 'Radiographer - Diagnostic', 'Diagnostic Radiographer', 'Radiography', 'B6'],
      ['06', 'Healthcare Scientist', 'Biomedical Scientist', 'Haematology', 'B6'],
    ],
    notAllowed: [
      ['03', 'Staff Nurse', 'Mental Health Nurse', 'Adult Mental Health', 'B5'],
      ['08', 'Receptionist', 'Radiology Receptionist', 'Radiology', 'B2'],
      ['03', 'Midwife', 'Midwife', 'Midwifery', 'B6'],
    ],
  },
  'user-general-practitioners': {
    allowed: [
      ['01', 'Salaried General Practitioner', 'GP', 'Intermediate Care', null],
      ['01', '01026', 'Salaried GP', 'Mental Health', null],
    ],
    notAllowed: [['01', 'Specialty Registrar', 'GP Specialty Registrar', 'Psychiatry', 'M-STR']],
  },
  'user-pharmacists': {
    allowed: [
      ['05', 'Pharmacist', 'Advanced Clinical Pharmacist', 'Pharmacy', 'B8A'],
      ['05', 'Pharmacist', 'Pharmacist', 'Medicines Management', 'B6'],
    ],
    notAllowed: [
      ['05', 'Pharmacy Technician', 'Senior Pharmacy Technician', 'Pharmacy', 'B5'],
      ['07', 'Healthcare Assistant', 'Pharmacist Assistant', 'Pharmacy', 'B3'],
    ],
  },
  'user-diagnostic-ambulance-practitioners': {
    allowed: [
      ['07', 'Assistant Practitioner', 'Assistant Practitioner - Radiography', 'Radiography', 'B4'],
      ['07', 'Ambulance Technician', 'Ambulance Technician', 'Ambulance Service', 'B4'],
    ],
    notAllowed: [
      ['07', 'Healthcare Assistant', 'Healthcare Assistant', 'Emergency Department', 'B3'],
      ['07', 'Assistant Practitioner', 'Assistant Practitioner', 'Elderly Care', 'B4'],
    ],
  },
  'user-clinical-admin': {
    allowed: [
      ['08', 'Medical Secretary', 'Medical Secretary - Cardiology', 'Cardiology', 'B4'],
      ['08', 'Clerical Worker', 'Clinical Coder', 'Medical Records', 'B4'],
    ],
    notAllowed: [
      ['08', 'Secretary', 'Secretary to the Chief Executive', 'Executive', 'B4'],
      ['03', 'Staff Nurse', 'Pathway Coordinator', 'Oncology', 'B6'],
    ],
  },
  // Primary care: staff group and job role only (a primary-care list has no title or pay band).
  'driver-gp-partners-pcn-clinical-directors': {
    allowed: [
      ['GP1', 'GP Partner/Provider', '', '', null],
      ['GP1', 'PCN Clinical Director', '', '', null],
    ],
    notAllowed: [
      ['GP1', 'Salaried GP', '', '', null],
      ['GP4', 'Practice Manager', '', '', null],
    ],
  },
  'user-gps-in-general-practice': {
    allowed: [
      ['GP1', 'Salaried GP', '', '', null],
      ['GP1', 'GP Partner/Provider', '', '', null],
      ['GP1', 'GP Registrar', '', '', null],
    ],
    notAllowed: [
      ['GP1', 'PCN Clinical Director', '', '', null],
      ['GP3', 'Physician Associate', '', '', null],
    ],
  },
  'user-general-practice-nurses': {
    allowed: [
      ['GP2', 'Practice Nurse', '', '', null],
      ['GP2', 'Advanced Nurse Practitioner', '', '', null],
    ],
    notAllowed: [
      ['GP3', 'Healthcare Assistant', '', '', null],
      ['GP3', 'Nursing Associate', '', '', null],
    ],
  },
  'user-primary-care-pharmacists': {
    allowed: [
      ['GP3', 'Pharmacist', '', '', null],
      ['CP1', 'Community Pharmacist', '', '', null],
      ['CP1', 'Pharmacist Independent Prescriber', '', '', null],
    ],
    notAllowed: [
      ['GP3', 'Pharmacy Technician', '', '', null],
      ['CP2', 'Dispensing Assistant', '', '', null],
    ],
  },
  'embedder-digital-transformation-leads': {
    allowed: [['GP3', 'Digital and Transformation Lead', '', '', null]],
    notAllowed: [
      ['GP3', 'Care Coordinator', '', '', null],
      ['GP4', 'Management', '', '', null],
    ],
  },
  'embedder-practice-managers': {
    allowed: [['GP4', 'Practice Manager', '', '', null]],
    notAllowed: [
      ['GP4', 'Receptionist', '', '', null],
      ['CP3', 'Pharmacy Manager', '', '', null],
    ],
  },
};
