import { TaskRecord, taskDelivery } from './task-delivery';

const task = (over: Partial<TaskRecord>): TaskRecord => ({
  group: 'MINEM',
  dueOn: '2024-03-15',
  originalDueOn: '2024-03-15',
  status: 'open',
  ...over,
});

describe('taskDelivery', () => {
  const asOf = '2024-04-01T15:00:00Z'; // 10:00 in Lima, 1 April

  it('separates on time, late and moved deadlines', () => {
    const result = taskDelivery(
      [
        // completed on the due date
        task({ status: 'done', completedAt: '2024-03-15T12:00:00Z' }),
        // 3 days late
        task({ status: 'done', completedAt: '2024-03-18T12:00:00Z' }),
        // deadline moved from 1 to 15 March, completed on the 10th: on time now, late on the original
        task({ originalDueOn: '2024-03-01', status: 'done', completedAt: '2024-03-10T12:00:00Z' }),
        // deadline moved from 1 to 15 March, completed on the 20th: late by 5 against the latest
        task({ originalDueOn: '2024-03-01', status: 'done', completedAt: '2024-03-20T12:00:00Z' }),
      ],
      { asOf },
    );
    expect(result.groups).toEqual([
      {
        key: 'MINEM',
        assigned: 4,
        open: 0,
        done: 4,
        doneOnTime: 2,
        doneLate: 2,
        doneOnOriginalTime: 1, // only the first: the moved ones beat 15 March but not 1 March
        cancelled: 0,
        overdueNow: 0,
        medianDaysLate: 4, // (3 + 5) / 2
      },
    ]);
  });

  it('judges the completion day in Peru time by default', () => {
    // 23:00 in Lima on the due date is 04:00 UTC the next day
    const late = [task({ status: 'done', completedAt: '2024-03-16T04:00:00Z' })];
    expect(taskDelivery(late, { asOf }).groups[0]).toMatchObject({ doneOnTime: 1, doneLate: 0 });
    expect(taskDelivery(late, { asOf, utcOffsetMinutes: 0 }).groups[0]).toMatchObject({
      doneOnTime: 0,
      doneLate: 1,
      medianDaysLate: 1,
    });
  });

  it('counts open tasks past their due date as overdue, not those due today or cancelled', () => {
    const result = taskDelivery(
      [
        task({ dueOn: '2024-03-31' }), // due yesterday: overdue
        task({ dueOn: '2024-04-01' }), // due today: not yet
        task({ dueOn: '2024-02-01', status: 'cancelled' }),
        // moved to the future: not overdue although the original has passed
        task({ dueOn: '2024-04-30', originalDueOn: '2024-03-01' }),
      ],
      { asOf },
    );
    expect(result.asOfDate).toBe('2024-04-01');
    expect(result.groups[0]).toMatchObject({
      assigned: 4,
      open: 3,
      cancelled: 1,
      overdueNow: 1,
      done: 0,
    });
    expect(result.groups[0].medianDaysLate).toBeNull();
  });

  it('the asOf date follows the offset: 02:00 UTC on 1 April is still 31 March in Lima', () => {
    const tasks = [task({ dueOn: '2024-03-31' })];
    expect(taskDelivery(tasks, { asOf: '2024-04-01T02:00:00Z' }).groups[0].overdueNow).toBe(0);
    expect(
      taskDelivery(tasks, { asOf: '2024-04-01T02:00:00Z', utcOffsetMinutes: 0 }).groups[0]
        .overdueNow,
    ).toBe(1);
  });

  it('a completion after asOf had not happened yet: the task counts as open', () => {
    const result = taskDelivery([task({ status: 'done', completedAt: '2024-04-05T12:00:00Z' })], {
      asOf,
    });
    expect(result.groups[0]).toMatchObject({ open: 1, done: 0, overdueNow: 1 });
  });

  it('groups by key in code-unit order, null under unknown', () => {
    const result = taskDelivery(
      [
        task({ group: 'PRODUCE' }),
        task({ group: null }),
        task({ group: 'MEF' }),
        task({ group: 'MEF' }),
      ],
      { asOf },
    );
    expect(result.groups.map((g) => [g.key, g.assigned])).toEqual([
      ['MEF', 2],
      ['PRODUCE', 1],
      ['unknown', 1],
    ]);
  });

  it('refuses a done task without completion time and malformed dates', () => {
    expect(() => taskDelivery([task({ status: 'done' })], { asOf })).toThrow(RangeError);
    expect(() => taskDelivery([task({ dueOn: '15/03/2024' })], { asOf })).toThrow(RangeError);
    expect(() => taskDelivery([], { asOf: 'yesterday' })).toThrow(RangeError);
  });
});
