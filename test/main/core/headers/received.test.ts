import { describe, it, expect } from 'vitest';
import { parseReceived } from '../../../../main/core/headers/received.js';

describe('parseReceived', () => {
  it('reads the clauses of a Postfix header and its TLS details from a comment', () => {
    const r = parseReceived(
      'from mx.example.test (mx.example.test [198.51.100.7]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519) (No client certificate requested) by mail.contoso.test (Postfix) with ESMTPS id 4SV1Kq for <bob@contoso.test>; Tue, 14 Nov 2023 17:15:28 +0100 (CET)',
    );
    expect(r.from).toBe('mx.example.test');
    expect(r.fromAddress).toBe('198.51.100.7');
    expect(r.by).toBe('mail.contoso.test');
    expect(r.with).toBe('ESMTPS');
    expect(r.id).toBe('4SV1Kq');
    expect(r.for).toBe('bob@contoso.test');
    expect(r.date?.iso).toBe('2023-11-14T16:15:28.000Z');
    expect(r.tls).toEqual({ status: 'tls', protocol: 'TLS 1.3', cipher: 'TLS_AES_256_GCM_SHA384', evidence: 'using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384' });
  });

  it('reads Exchange\'s "with Microsoft SMTP Server (version=..., cipher=...)"', () => {
    const r = parseReceived('from A.prod.outlook.com (2603:10a6:208:136::20) by B.prod.outlook.com (2603:10a6:20b:3c1::11) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7002.26 via Frontend Transport; Tue, 14 Nov 2023 16:15:33 +0000');
    expect(r.with).toBe('Microsoft SMTP Server');
    expect(r.id).toBe('15.20.7002.26');
    expect(r.via).toBe('Frontend Transport');
    expect(r.fromAddress).toBe('2603:10a6:208:136::20');
    expect(r.tls.protocol).toBe('TLS 1.2');
    expect(r.tls.cipher).toBe('TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384');
  });

  it('reads Gmail\'s "(version=TLS1_3 cipher=...)" after the for clause', () => {
    const r = parseReceived('from mail.example.test (mail.example.test. [203.0.113.45]) by mx.google.com with ESMTPS id a12si1 for <erin@gmail.test> (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256); Thu, 16 Nov 2023 02:14:08 -0800 (PST)');
    expect(r.tls).toMatchObject({ status: 'tls', protocol: 'TLS 1.3', cipher: 'TLS_AES_256_GCM_SHA384' });
    expect(r.for).toBe('erin@gmail.test');
    expect(r.date?.iso).toBe('2023-11-16T10:14:08.000Z');
  });

  it('tells plain SMTP, ESMTPS without details, and local hand-offs apart', () => {
    expect(parseReceived('from a.example.test ([192.0.2.1]) by b.example.test with ESMTP id 1; Tue, 14 Nov 2023 16:15:33 +0000').tls.status).toBe('plain');
    expect(parseReceived('from a.example.test ([192.0.2.1]) by b.example.test with ESMTPSA id 1; Tue, 14 Nov 2023 16:15:33 +0000').tls).toMatchObject({ status: 'tls', protocol: null });
    expect(parseReceived('from a by b with Microsoft SMTP Server id 15.0.847.32; Tue, 14 Nov 2023 16:15:33 +0000').tls.status).toBe('plain');
    expect(parseReceived('from localhost (localhost [127.0.0.1]) by b with ESMTP; Tue, 14 Nov 2023 16:15:33 +0000').tls.status).toBe('local');
    expect(parseReceived('from a by b (Dovecot) with LMTP id x; Tue, 14 Nov 2023 16:15:33 +0000').tls.status).toBe('local');
    expect(parseReceived('by 2002:a05:7300:5c8b::1 with SMTP id ab11; Thu, 16 Nov 2023 02:14:09 -0800 (PST)').tls.status).toBe('local');
    expect(parseReceived('from a by b; Tue, 14 Nov 2023 16:15:33 +0000').tls.status).toBe('unknown');
  });

  it('keeps going without a date or with an unreadable one', () => {
    const missing = parseReceived('from a by b with ESMTPS id 1');
    expect(missing.dateText).toBeNull();
    expect(missing.date).toBeNull();
    expect(missing.id).toBe('1');
    const bad = parseReceived('from a by b with LMTP; sometime yesterday');
    expect(bad.dateText).toBe('sometime yesterday');
    expect(bad.date).toBeNull();
  });

  it('does not take clause words inside comments for clauses', () => {
    const r = parseReceived('from x.example.test (helo with by for id) by y.example.test with SMTP; Tue, 14 Nov 2023 16:15:33 +0000');
    expect(r.from).toBe('x.example.test');
    expect(r.by).toBe('y.example.test');
    expect(r.comments).toEqual(['helo with by for id']);
  });
});

describe('parseReceived: where the clauses end and the date begins', () => {
  it('splits at the last semicolon outside comments, even when a later one sits in the zone comment', () => {
    const r = parseReceived('from a.example.test (a; helo) by b.example.test with ESMTP id 7; Tue, 14 Nov 2023 16:15:33 +0000 (note; UTC)');
    expect(r.by).toBe('b.example.test');
    expect(r.id).toBe('7');
    expect(r.dateText).toBe('Tue, 14 Nov 2023 16:15:33 +0000 (note; UTC)');
    expect(r.date?.iso).toBe('2023-11-14T16:15:33.000Z');
    // The date's comment is not a clause comment; a clause comment keeps its semicolon.
    expect(r.comments).toEqual(['a; helo']);
  });

  it('reads earlier semicolons outside comments as spaces between words', () => {
    const r = parseReceived('from a.example.test by b.example.test;with ESMTP;id 42; Tue, 14 Nov 2023 16:15:33 +0000');
    expect([r.by, r.with, r.id]).toEqual(['b.example.test', 'ESMTP', '42']);
    expect(r.date?.iso).toBe('2023-11-14T16:15:33.000Z');
  });

  it('has no date when the only semicolon is inside an unclosed comment', () => {
    const r = parseReceived('from a.example.test by b.example.test with SMTP (dangling; Tue, 14 Nov 2023 16:15:33 +0000');
    expect(r.with).toBe('SMTP');
    expect(r.dateText).toBeNull();
    expect(r.comments).toEqual(['dangling; Tue, 14 Nov 2023 16:15:33 +0000']);
  });

  it('treats an empty date after the semicolon as no date, and looks for one after the last clause', () => {
    const r = parseReceived('from a.example.test by b.example.test id 3AEL Tue, 14 Nov 2023 16:15:33 +0000;');
    expect(r.id).toBe('3AEL');
    expect(r.date?.iso).toBe('2023-11-14T16:15:33.000Z');
  });

  it('reads clause keywords in any letter case, and nothing that only resembles one', () => {
    const r = parseReceived('FROM a.example.test BY b.example.test WiTh ESMTP Id 1 fOr <x@example.test> bye; Tue, 14 Nov 2023 16:15:33 +0000');
    expect([r.from, r.by, r.with, r.id, r.for]).toEqual(['a.example.test', 'b.example.test', 'ESMTP', '1', 'x@example.test> bye']);
  });
});

describe('parseReceived: a date after the last clause', () => {
  it('keeps a one-word id without a date as the id', () => {
    const received = parseReceived('from a.example.test ([192.0.2.1]) by b.example.test with ESMTP id 4SV1Kq');
    expect(received.id).toBe('4SV1Kq');
    expect(received.date).toBeNull();
  });
});
