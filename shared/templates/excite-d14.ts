/**
 * The template "EXCITE D1.4": every common challenge, best practice needed and good practice of
 * the EXCITE report "Initial Report on Collection of Best Practices" (D1.4, v1.2, 29.04.2022),
 * under its dimension. Good practices are attributed to the cluster that practises them;
 * challenges and needs were shared by the consortium, so they carry no cluster.
 */
import type { DimensionId, KnownClusterId } from '../model/vocabulary';
import type { ClusterProfile, ReportSettings } from '../report/content';

export interface TemplateSection {
  dimension: DimensionId;
  challenges: string[];
  needs: string[];
  goodPractices: { cluster: KnownClusterId; text: string }[];
}

export const EXCITE_D14_SOURCE = 'EXCITE D1.4 report';

/**
 * [RC7] The report's cover as D1.4's. The seed writes the dissemination level and type as the
 * EU's codes, PU and R: their meanings ("Public", "Report") are what a cover prints.
 */
export const EXCITE_D14_SETTINGS: ReportSettings = {
  title: 'Initial Report on Collection of Best Practices',
  deliverable: 'D1.4',
  version: '1.2',
  date: '2022-04-29',
  dissemination: 'Public',
  type: 'Report',
  funding: 'This report is part of the project EXCITE which has received funding from the European Union’s COSME Programme.',
  editor: 'Clémence Castell',
};

/** [RC7] The six partner clusters as D1.4's part 1 describes them, in its words. */
export const EXCITE_D14_PROFILES: readonly ClusterProfile[] = [
  {
    cluster: 'silicon-saxony',
    fullName: 'Silicon Saxony',
    location: 'Saxony, office in Dresden, Germany',
    membership: '400 members, 80% SMEs',
    technologyFocus: 'Microelectronics, Industry 4.0, Software, AI',
    created: '2000',
  },
  {
    cluster: 'dti',
    fullName: 'Cluster for Digital Transformation and Innovations (DTI Cluster)',
    location: 'Bulgaria, office in Sofia',
    membership: '100, 94% SMEs',
    technologyFocus: 'Microelectronics, Industry 4.0, Software, AI',
    created: '2008',
  },
  {
    cluster: 'business-hive-vilnius',
    fullName: 'Business Hive Vilnius',
    location: 'Lithuania, Baltics, office in Vilnius',
    membership: '25 members (100% SMEs)',
    technologyFocus: 'hardware, security, block-chain, AI and enterprise software startups',
    created: '2010',
  },
  {
    cluster: 'mazovia',
    fullName: 'Mazovia Cluster ICT coordinated by Stowarzyszenie Rozwoju Społeczno-Gospodarczego „Wiedza”',
    location: 'Warsaw, Mazovia district, Poland',
    membership: '402 members, 88% SMEs',
    technologyFocus: 'ICT, AI, IoT, Robotics and specialisation: energy management, space technologies, cybersecurity',
    created: '2007',
  },
  {
    cluster: 'gaia',
    fullName: 'Gaia - Association of Knowledge and Applied Technologies industries in the Basque Country',
    location: 'Basque Country, Spain, offices in Bilbao and San Sebastián',
    membership: '311 members, 65% SMEs',
    technologyFocus:
      'Electronics, Informatics, Telecommunications, Internet of Things, Artificial Intelligence, Experiential Intelligence, Cybersecurity',
    created: '2008',
  },
  {
    cluster: 'scs',
    fullName: 'Pôle Solutions Communicantes Sécurisées (Secured Communicating Solutions Cluster)',
    location: "French Region Sud Provence-Alpes-Côte d'Azur, with 2 main offices (Rousset & Sophia-Antipolis)",
    membership: '310 members (72% SME)',
    technologyFocus: 'Microelectronics, AI, IoT, Cybersecurity',
    created: '2006',
  },
];

export const EXCITE_D14: readonly TemplateSection[] = [
  {
    dimension: 'structure',
    challenges: [
      'Bringing new markets to our members, at local and international level: horizontal technologies must be recognised in vertical sectors.',
      'Communicating with players of other sectors, who are unfamiliar with our technologies, challenges and requirements.',
      'Addressing consensus messages and the market-access needs of diversified members targeting a wide range of markets.',
      'Building new competences and expertise after restructuring for new challenges such as digital transformation.',
      'Recognition of the cluster in new fields.',
      'Attracting and retaining new members with new kinds of needs.',
    ],
    needs: [
      'Cross-industrial partnerships connecting us with market-oriented clusters and relevant company prospects for our members, at local and European level.',
      "Members' attraction, loyalty and engagement in the cluster activities.",
      'Competence and expertise building in strategic technology and market fields.',
    ],
    goodPractices: [
      {
        cluster: 'scs',
        text: 'Partnerships with market-focused clusters, on calls for interest based on value chain analysis and the digitalisation needs of the market sector, bringing members into collaborative cross-sector projects that give them access to clients.',
      },
    ],
  },
  {
    dimension: 'strategy',
    challenges: [
      'Reaching an active involvement of the cluster members in the strategy making.',
      'Strategy formulated by a few players: priorities reflect the interest of a few, leading to disinterest and mistrust among the others.',
      'Improving strategy monitoring processes.',
      'Defining reliable KPIs.',
      'Lack of time resources for efficient and constant reporting, with multiple reporting imposed by several authorities.',
      'Lack of skills to use reporting tools efficiently.',
    ],
    needs: [
      'A strategy co-creation process involving more members, encompassing their needs and visions.',
      'Motivation skills to better engage the cluster members and keep them active.',
      'Efficient collaborative reporting processes and tools (such as CRM) that let team members keep reporting up to date easily.',
    ],
    goodPractices: [
      {
        cluster: 'business-hive-vilnius',
        text: "A demand-driven strategy, based on a good awareness of members' needs thanks to members' involvement (building the long-term strategy remains difficult).",
      },
      {
        cluster: 'gaia',
        text: 'Efficient KPI monitoring thanks to a tool allowing easy data reporting (Odo).',
      },
    ],
  },
  {
    dimension: 'organisation',
    challenges: [
      "Workload and time management, high given the cluster's resources, staff and management skills.",
      'Lack of constant training of the team, mainly due to a lack of time.',
      'Keeping the operational team motivated.',
      "Sharing up-to-date members' information among the team about day-to-day activities and performed services.",
      'Re-structuring the internal organisation to handle general activities on the longer term.',
    ],
    needs: [
      'Efficient internal organisation allowing optimised workload and time management, and alignment between the departments and the cluster structure.',
      'Practices increasing human resources and expertise, such as partnerships with members.',
      'Leadership trainings for the cluster staff.',
      'Team cohesion practices.',
      'Efficient knowledge management among the team thanks to the CRM or other processes.',
    ],
    goodPractices: [
      {
        cluster: 'mazovia',
        text: 'Working teams organised in technology and market competence areas, plus temporary working groups with experts of specific fields for the needs of projects.',
      },
    ],
  },
  {
    dimension: 'business-model',
    challenges: [
      'Exploring new services to enlarge or re-design the services offer and ensure continuous income from private sources.',
      'Membership management: ensuring membership renewal each year.',
      "Members' loyalty and satisfaction with the cluster activities.",
      'Inefficient membership monitoring of subscription-fee payment, and heavy administrative processes for subscription.',
      'Pricing of membership and service fees: adapting fees to market reality as public subsidies decrease, and justifying them to members used to low prices.',
      'Establishing the strict payment of membership fees.',
    ],
    needs: [
      'Services and joint services for successful matchmaking inside the cluster and across clusters, in physical and virtual formats.',
      'Services and methodologies bringing demand and supply together.',
      'Organisation of a major event with an entry fee.',
      'Elaboration of a services offer and price list.',
      'A light subscription process.',
      'A payment monitoring process and system.',
    ],
    goodPractices: [{ cluster: 'silicon-saxony', text: 'B2B events with an entry fee.' }],
  },
  {
    dimension: 'communication',
    challenges: [
      "Optimising the members' reach.",
      'Managing the information flow efficiently: members overloaded with information ignore e-mails from the cluster.',
      "Targeted communication on members' focus sectors and individual needs, which gets harder as membership grows.",
      'Reaching the right entry-point contact in member organisations.',
      'Getting feedback from the members on their success stories, to assess the added value for the ecosystem.',
      'Being visible next to a wide range of similar organisations whose services sometimes overlap.',
      "Members' engagement in activities, lower since COVID, and event planning in a risky, changing context.",
      'Use of communication channels, especially skills in using social media.',
    ],
    needs: [
      'Targeted-communication practices.',
      "Communication actions demonstrating the cluster's added value.",
      'Practices to track success feedback from the members.',
      'Optimised use of communication channels and social media.',
      'Edition of digital content.',
    ],
    goodPractices: [
      {
        cluster: 'dti',
        text: 'Numerous formal and informal meetings keep members involved in the cluster activities, even if the COVID context restrained them.',
      },
    ],
  },
];
