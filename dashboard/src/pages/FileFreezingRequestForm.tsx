import { useState } from 'react';
import type { FormEvent } from 'react';
import { FileRequestDocument } from '../gql/graphql.js';
import type { FileRequestMutation, FileRequestMutationVariables } from '../gql/graphql.js';
import { forMember, perMember } from '../graphql/perMember.js';
import { runOperation } from '../graphql/runOperation.js';
import type { Member } from '../graphql/useMembers.js';
import { useSession } from '../session/useSession.js';

type Filed = NonNullable<NonNullable<FileRequestMutation['fr']>['fileRequest']>;

/** A freezing request (2018/1805 certificate) filed with the member that is to execute it. */
export function FileFreezingRequestForm({ members }: { members: Member[] }) {
  const session = useSession();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim();
    const member = value('member');
    setBusy(true);
    setMessage(null);
    const result = await runOperation(
      FileRequestDocument,
      forMember<FileRequestMutationVariables>(member, {
        input: {
          type: 'FREEZING',
          freezing: {
            issuingAuthority: value('issuingAuthority'),
            validatingJudge: value('validatingJudge') || null,
            offence: value('offence'),
            legalQualification: value('legalQualification'),
            property: [
              {
                wallet: value('wallet'),
                asset: value('asset') || null,
                amount: value('amount') || null,
              },
            ],
            urgent: form.get('urgent') === 'on',
            urgencyReason: value('urgencyReason') || null,
          },
        },
      }),
      session,
    );
    setBusy(false);
    const filed = perMember<{ fileRequest: Filed | null }>(result.data, member)?.fileRequest;
    if (filed) {
      setMessage({
        ok: true,
        text: `Filed ${filed.id} with ${filed.executingState}: ${filed.status}, next ${filed.dueFor ?? '—'}.`,
      });
    } else {
      const error = result.errors[0];
      setMessage({
        ok: false,
        text: `Not filed: ${error?.message ?? 'no answer'}${error?.extensions?.code ? ` (${error.extensions.code})` : ''}`,
      });
    }
  };
  return (
    <section aria-labelledby="file-heading">
      <h2 id="file-heading">File a freezing request</h2>
      <form onSubmit={submit} className="form-grid">
        <label>
          Executing member
          <select name="member" required defaultValue="">
            <option value="" disabled>
              Choose a member
            </option>
            {members.map((member) => (
              <option key={member.field} value={member.field}>
                {member.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Issuing authority
          <input
            name="issuingAuthority"
            required
            defaultValue="Parquet national financier, Paris"
          />
        </label>
        <label>
          Validating judge
          <input
            name="validatingJudge"
            defaultValue="Juge des libertés et de la détention, TJ Paris"
          />
        </label>
        <label>
          Offence
          <input name="offence" required defaultValue="Blanchiment aggravé" />
        </label>
        <label>
          Legal qualification
          <input name="legalQualification" required defaultValue="Code pénal, art. 324-2" />
        </label>
        <label>
          Wallet
          <input name="wallet" required placeholder="eth:0x…" />
        </label>
        <label>
          Asset
          <input name="asset" defaultValue="ETH" />
        </label>
        <label>
          Amount
          <input name="amount" inputMode="decimal" defaultValue="12.5" />
        </label>
        <label className="inline">
          <input type="checkbox" name="urgent" defaultChecked /> Urgent
        </label>
        <label>
          Reason for urgency
          <input name="urgencyReason" defaultValue="The funds are being moved through a mixer" />
        </label>
        <div>
          <button type="submit" disabled={busy}>
            File the request
          </button>
        </div>
      </form>
      {message ? (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'notice' : 'alert'}>
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
