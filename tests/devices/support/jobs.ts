import type { TicketPrintJob } from '../../../devices/contract.js';

/** A ticket with more materials than a ticket prints. */
export const JOB: TicketPrintJob = {
  jobId: 'job-1',
  ticketId: 'tkt_8f3a',
  centerName: '溧阳市公共法律服务中心',
  number: 'C012',
  serviceName: '法律援助',
  serviceNameEn: 'Legal aid',
  ahead: 3,
  estimatedWaitMinutes: 18,
  issuedAt: '2025-03-04T01:05:00.000Z',
  materials: ['身份证', '经济困难证明', '与案件有关的材料', '授权委托书', '户口簿', '证据清单', '其他材料'],
  url: 'https://hall.example/t/tkt_8f3a',
  hotline: '12348',
};
