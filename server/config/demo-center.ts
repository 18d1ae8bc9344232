// The built-in demo center, modelled on the seeds' county-level centers ("4+X": consultation, legal aid,
// mediation, publicity at the front; notary, forensic appraisal, special groups as extensions).
// Every person here is invented.
import type { CenterConfigInput } from './schema.js';

export function demoCenter(): CenterConfigInput {
  return {
    center: {
      code: 'DEMO-PLSC',
      name: '示范县公共法律服务中心',
      nameEn: 'Demo County Public Legal Service Center',
      hotline: '12348',
      address: '示范县人民路 88 号一楼',
      phone: '0000-12348',
    },
    services: [
      {
        id: 'reception', prefix: 'A', name: '综合接待', nameEn: 'General reception',
        description: '引导分流、投诉建议、其他事项', descriptionEn: 'Guidance, complaints and other matters',
        materials: ['本人居民身份证'], materialsEn: ['Your resident ID card'], timeLimitMinutes: 15, hours: '周一至周五 8:30–12:00，14:00–17:30', hoursEn: 'Mon–Fri 8:30–12:00, 14:00–17:30',
      },
      {
        id: 'consult', prefix: 'B', name: '法律咨询', nameEn: 'Legal consultation',
        description: '值班律师解答各类法律问题', descriptionEn: 'A lawyer on duty answers legal questions',
        materials: ['本人居民身份证', '与咨询事项有关的合同、票据、通知书等材料（如有）'],
        materialsEn: ['Your resident ID card', 'Contracts, receipts, notices or other papers about your question (if any)'],
        timeLimitMinutes: 30, waitAlertMinutes: 30, hours: '周一至周五 8:30–12:00，14:00–17:30', hoursEn: 'Mon–Fri 8:30–12:00, 14:00–17:30',
        matters: ['劳动争议咨询', '婚姻家庭咨询', '合同纠纷咨询', '房产土地咨询', '交通事故咨询', '其他法律咨询'],
      },
      {
        id: 'legal-aid', prefix: 'C', name: '法律援助', nameEn: 'Legal aid',
        description: '经济困难或特定案件免费代理、辩护', descriptionEn: 'Free representation for people in financial hardship',
        materials: [
          '申请人居民身份证或其他有效身份证明',
          '法律援助申请表（现场可领取）',
          '经济困难状况说明表（个人诚信承诺）',
          '与所申请法律援助事项有关的证据材料',
          '代理人申请的，提交代理权限证明',
        ],
        materialsEn: [
          'The applicant\'s resident ID card or other valid identification',
          'Legal aid application form (available here)',
          'Financial hardship statement (personal declaration)',
          'Evidence concerning the matter of the application',
          'If an agent applies: proof of the agent\'s authority',
        ],
        timeLimitMinutes: 45, waitAlertMinutes: 30, hours: '周一至周五 8:30–12:00，14:00–17:30', hoursEn: 'Mon–Fri 8:30–12:00, 14:00–17:30',
        matters: ['法律援助申请受理', '经济困难审查', '补充申请材料', '指派承办律师', '讨薪法律援助（农民工）'],
      },
      {
        id: 'mediation', prefix: 'D', name: '人民调解', nameEn: "People's mediation",
        description: '邻里、婚姻家庭、劳动、交通事故等纠纷调解', descriptionEn: 'Mediation of neighbour, family, labour and traffic disputes',
        materials: ['当事人居民身份证', '纠纷基本情况及相关证据材料', '对方当事人姓名、住址和联系方式'],
        materialsEn: ['ID cards of the parties', 'An account of the dispute and the evidence', 'Name, address and contact of the other party'],
        timeLimitMinutes: 60, hours: '周一至周五 8:30–12:00，14:00–17:30', hoursEn: 'Mon–Fri 8:30–12:00, 14:00–17:30',
        matters: ['邻里纠纷调解', '婚姻家庭纠纷调解', '劳动争议调解', '交通事故赔偿调解', '调解协议确认'],
      },
      {
        id: 'notary', prefix: 'E', name: '公证', nameEn: 'Notary',
        description: '公证事项咨询与受理', descriptionEn: 'Notarial consultation and applications',
        materials: ['当事人居民身份证、户口簿', '申请公证的文书或证明材料原件', '委托他人办理的，提交授权委托书'],
        materialsEn: ['ID card and household register of the parties', 'Originals of the documents to be notarised', 'A power of attorney when someone applies for you'],
        timeLimitMinutes: 30, hours: '周一至周五 8:30–12:00，14:00–17:30', hoursEn: 'Mon–Fri 8:30–12:00, 14:00–17:30',
      },
      {
        id: 'forensic', prefix: 'F', name: '司法鉴定', nameEn: 'Forensic appraisal',
        description: '鉴定事项指引与预约', descriptionEn: 'Guidance and appointments for forensic appraisal',
        materials: ['委托人居民身份证', '委托书或委托函', '与鉴定事项有关的病历、检材等材料'],
        materialsEn: ['ID card of the person entrusting', 'Letter of entrustment', 'Medical records, samples and other materials for the appraisal'],
        timeLimitMinutes: 20, hours: '周二、周四 9:00–11:30', hoursEn: 'Tue and Thu 9:00–11:30',
      },
      {
        id: 'special', prefix: 'G', name: '特殊人群服务', nameEn: 'Special groups service',
        description: '社区矫正报到、安置帮教', descriptionEn: 'Community corrections check-in and resettlement help',
        materials: ['本人居民身份证', '相关法律文书'], materialsEn: ['Your resident ID card', 'The relevant legal documents'], timeLimitMinutes: 20, discreet: true,
      },
    ],
    windows: [
      { id: '1', name: '1号窗口', nameEn: 'Window 1', category: '综合接待', services: ['reception', 'special'], posts: { A: 'zhou.min', B: 'he.lan' } },
      { id: '2', name: '2号窗口', nameEn: 'Window 2', category: '法律咨询', services: ['consult'], posts: { A: 'lin.qiao', B: 'song.yu' } },
      { id: '3', name: '3号窗口', nameEn: 'Window 3', category: '法律咨询', services: ['consult', 'reception'], posts: { A: 'song.yu', B: 'lin.qiao' } },
      { id: '4', name: '4号窗口', nameEn: 'Window 4', category: '法律援助', services: ['legal-aid', 'consult'], posts: { A: 'fang.jie', B: 'he.lan' } },
      { id: '5', name: '5号窗口', nameEn: 'Window 5', category: '人民调解', services: ['mediation'], posts: { A: 'tang.wei', B: 'zhou.min' } },
      { id: '6', name: '6号窗口', nameEn: 'Window 6', category: '公证 · 司法鉴定', services: ['notary', 'forensic'], posts: { A: 'qian.yue' } },
      {
        id: '7', name: '7号窗口', nameEn: 'Window 7', category: '军人军属 · 农民工 优先窗口',
        services: ['legal-aid', 'consult', 'mediation'], posts: { A: 'he.lan', B: 'fang.jie' },
      },
    ],
    kiosks: [{ id: 'K1', name: '大厅取号机', exitPin: '2468' }],
    network: [
      {
        id: 'qingshan', level: 'station', name: '青山镇公共法律服务工作站', nameEn: 'Qingshan Town Public Legal Service Station',
        area: '青山镇', areaEn: 'Qingshan Town', address: '青山镇政府便民服务中心二楼', addressEn: '2F, Qingshan Town Service Hall',
        phone: '0000-61001', hours: '周一至周五 8:30–17:30', hoursEn: 'Mon–Fri 8:30–17:30',
      },
      {
        id: 'qingshan-taoyuan', level: 'room', name: '桃源村公共法律服务工作室', nameEn: 'Taoyuan Village Legal Service Room',
        area: '青山镇', areaEn: 'Qingshan Town', address: '桃源村村委会一楼', addressEn: '1F, Taoyuan Village Committee',
        phone: '0000-61002', hours: '每周三 9:00–11:30（法律顾问值班）', hoursEn: 'Wed 9:00–11:30 (legal adviser on duty)',
      },
      {
        id: 'baishui', level: 'station', name: '白水镇公共法律服务工作站', nameEn: 'Baishui Town Public Legal Service Station',
        area: '白水镇', areaEn: 'Baishui Town', address: '白水镇综治中心一楼', addressEn: '1F, Baishui Town Governance Center',
        phone: '0000-62001', hours: '周一至周五 8:30–17:30', hoursEn: 'Mon–Fri 8:30–17:30',
      },
      {
        id: 'baishui-hexi', level: 'room', name: '河西村公共法律服务工作室', nameEn: 'Hexi Village Legal Service Room',
        area: '白水镇', areaEn: 'Baishui Town', address: '河西村党群服务中心', addressEn: 'Hexi Village Community Center',
        phone: '0000-62002', hours: '每周五 14:00–17:00', hoursEn: 'Fri 14:00–17:00',
      },
    ],
    devices: [],
    notices: [
      '首问负责 · 一次性告知 · 限时办结',
      '法律援助免费，任何人不得收取费用',
      '公共法律服务热线 12348，全天候为您服务',
      '70 周岁以上老人、残疾人、军人军属、农民工讨薪可走绿色通道',
    ],
    staff: [
      { username: 'zhou.min', name: '周敏', title: '综合接待员', titleEn: 'Reception officer', employeeNo: 'SF1001' },
      { username: 'lin.qiao', name: '林乔', title: '值班律师', titleEn: 'Duty lawyer', employeeNo: 'LS2001' },
      { username: 'song.yu', name: '宋宇', title: '值班律师', titleEn: 'Duty lawyer', employeeNo: 'LS2002' },
      { username: 'fang.jie', name: '方洁', title: '法律援助工作人员', titleEn: 'Legal aid officer', employeeNo: 'FY3001' },
      { username: 'tang.wei', name: '唐伟', title: '人民调解员', titleEn: 'People’s mediator', employeeNo: 'TJ4001' },
      { username: 'qian.yue', name: '钱悦', title: '公证员', titleEn: 'Notary', employeeNo: 'GZ5001' },
      { username: 'he.lan', name: '贺兰', title: '法律援助工作人员', titleEn: 'Legal aid officer', employeeNo: 'FY3002' },
      { username: 'director', name: '梁正', title: '中心主任', titleEn: 'Center director', employeeNo: 'ZR0001', role: 'director' },
    ],
  };
}
