/*
 * tests/test_list.c - host tests for lib/list.h.
 *
 * Each test builds small lists of struct item and checks two things: the
 * order of the values seen walking forward, and that the links are sound
 * (every node's next->prev and prev->next is the node itself, walking
 * backward gives the reverse order).  check_list() does both.
 */
#include "tests/test_common.h"

#include "lib/list.h"

struct item {
	int value;
	struct list_head node; /* deliberately not the first member */
	int tail;
};

static void init_items(struct item *items, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		items[i].value = i;
		items[i].tail = -i;
		INIT_LIST_HEAD(&items[i].node);
	}
}

/* The list must hold exactly the values want[0..n), in that order. */
static void check_list(const struct list_head *head, const int *want, int n)
{
	const struct list_head *pos;
	int i = 0;

	assert_ptr_equal(head->next->prev, head);
	assert_ptr_equal(head->prev->next, head);
	for (pos = head->next; pos != head; pos = pos->next, i++) {
		assert_true(i < n);
		assert_int_equal(list_entry(pos, struct item, node)->value,
				 want[i]);
		assert_ptr_equal(pos->next->prev, pos);
		assert_ptr_equal(pos->prev->next, pos);
	}
	assert_int_equal(i, n);
	for (pos = head->prev; pos != head; pos = pos->prev) {
		i--;
		assert_int_equal(list_entry(pos, struct item, node)->value,
				 want[i]);
	}
	assert_int_equal(list_empty(head), n == 0);
	assert_int_equal(list_is_singular(head), n == 1);
}

static void new_list_heads_are_empty(void **state)
{
	LIST_HEAD(declared);
	struct list_head dynamic;

	(void)state;
	INIT_LIST_HEAD(&dynamic);
	assert_true(list_empty(&declared));
	assert_true(list_empty(&dynamic));
	assert_ptr_equal(declared.next, &declared);
	assert_ptr_equal(declared.prev, &declared);
	assert_false(list_is_singular(&declared));
}

static void list_add_pushes_at_the_front(void **state)
{
	const int want[] = {2, 1, 0};
	struct item it[3];
	LIST_HEAD(head);
	int i;

	(void)state;
	init_items(it, 3);
	for (i = 0; i < 3; i++)
		list_add(&it[i].node, &head);
	check_list(&head, want, 3);
}

static void list_add_tail_appends_at_the_end(void **state)
{
	const int want[] = {0, 1, 2};
	struct item it[3];
	LIST_HEAD(head);
	int i;

	(void)state;
	init_items(it, 3);
	for (i = 0; i < 3; i++)
		list_add_tail(&it[i].node, &head);
	check_list(&head, want, 3);
	assert_ptr_equal(list_first_entry(&head, struct item, node), &it[0]);
	assert_ptr_equal(list_last_entry(&head, struct item, node), &it[2]);
	assert_true(list_is_last(&it[2].node, &head));
	assert_false(list_is_last(&it[1].node, &head));
}

static void list_entry_finds_the_containing_struct(void **state)
{
	struct item it = {.value = 7, .tail = 8};

	(void)state;
	assert_ptr_equal(list_entry(&it.node, struct item, node), &it);
	assert_int_equal(list_entry(&it.node, struct item, node)->tail, 8);
}

static void list_del_unlinks_and_poisons(void **state)
{
	const int first[] = {1, 2}, middle[] = {1}, none[] = {0};
	struct item it[3];
	LIST_HEAD(head);
	int i;

	(void)state;
	init_items(it, 3);
	for (i = 0; i < 3; i++)
		list_add_tail(&it[i].node, &head);
	list_del(&it[0].node);
	check_list(&head, first, 2);
	assert_ptr_equal(it[0].node.next, LIST_POISON1);
	assert_ptr_equal(it[0].node.prev, LIST_POISON2);
	list_del(&it[2].node);
	check_list(&head, middle, 1);
	list_del(&it[1].node);
	check_list(&head, none, 0);
}

static void list_del_init_leaves_an_empty_node(void **state)
{
	const int want[] = {0, 2};
	struct item it[3];
	LIST_HEAD(head);
	int i;

	(void)state;
	init_items(it, 3);
	for (i = 0; i < 3; i++)
		list_add_tail(&it[i].node, &head);
	list_del_init(&it[1].node);
	check_list(&head, want, 2);
	assert_true(list_empty(&it[1].node));
	/* Safe to delete again, and to re-add. */
	list_del_init(&it[1].node);
	list_add(&it[1].node, &head);
	check_list(&head, (const int[]){1, 0, 2}, 3);
}

static void list_move_and_move_tail_between_lists(void **state)
{
	struct item it[4];
	LIST_HEAD(a);
	LIST_HEAD(b);
	int i;

	(void)state;
	init_items(it, 4);
	for (i = 0; i < 4; i++)
		list_add_tail(&it[i].node, &a);
	list_move(&it[2].node, &b);
	list_move(&it[0].node, &b);
	list_move_tail(&it[3].node, &b);
	check_list(&a, (const int[]){1}, 1);
	check_list(&b, (const int[]){0, 2, 3}, 3);
	/* Moving within the same list reorders it. */
	list_move_tail(&it[0].node, &b);
	check_list(&b, (const int[]){2, 3, 0}, 3);
	list_move(&it[0].node, &b);
	check_list(&b, (const int[]){0, 2, 3}, 3);
}

static void for_each_and_for_each_entry_visit_in_order(void **state)
{
	struct item it[5], *pos;
	struct list_head *p;
	LIST_HEAD(head);
	int i, seen = 0;

	(void)state;
	init_items(it, 5);
	for (i = 0; i < 5; i++)
		list_add_tail(&it[i].node, &head);
	list_for_each(p, &head)
		assert_int_equal(list_entry(p, struct item, node)->value,
				 seen++);
	assert_int_equal(seen, 5);
	seen = 0;
	list_for_each_entry(pos, &head, node)
		assert_int_equal(pos->value, seen++);
	assert_int_equal(seen, 5);
	/* On an empty list the body never runs. */
	INIT_LIST_HEAD(&head);
	list_for_each_entry(pos, &head, node)
		fail();
}

static void for_each_entry_safe_can_delete_every_element(void **state)
{
	struct item it[6], *pos, *n;
	LIST_HEAD(head);
	int i, seen = 0;

	(void)state;
	init_items(it, 6);
	for (i = 0; i < 6; i++)
		list_add_tail(&it[i].node, &head);
	list_for_each_entry_safe(pos, n, &head, node) {
		assert_int_equal(pos->value, seen++);
		list_del(&pos->node); /* poisons pos: n must not need it */
	}
	assert_int_equal(seen, 6);
	check_list(&head, NULL, 0);
}

static void for_each_safe_can_delete_some_elements(void **state)
{
	struct item it[6];
	struct list_head *p, *n;
	LIST_HEAD(head);
	int i;

	(void)state;
	init_items(it, 6);
	for (i = 0; i < 6; i++)
		list_add_tail(&it[i].node, &head);
	list_for_each_safe(p, n, &head) {
		if (list_entry(p, struct item, node)->value % 2 == 0)
			list_del(p);
	}
	check_list(&head, (const int[]){1, 3, 5}, 3);
}

static void splice_init_moves_a_whole_list(void **state)
{
	struct item it[6];
	LIST_HEAD(a);
	LIST_HEAD(b);
	int i;

	(void)state;
	init_items(it, 6);
	for (i = 0; i < 3; i++)
		list_add_tail(&it[i].node, &a);
	for (i = 3; i < 6; i++)
		list_add_tail(&it[i].node, &b);
	list_splice_init(&b, &a);
	check_list(&a, (const int[]){3, 4, 5, 0, 1, 2}, 6);
	check_list(&b, NULL, 0);
	list_splice_tail_init(&a, &b);
	check_list(&b, (const int[]){3, 4, 5, 0, 1, 2}, 6);
	check_list(&a, NULL, 0);
	/* Splicing an empty list changes nothing. */
	list_splice_init(&a, &b);
	list_splice_tail_init(&a, &b);
	check_list(&b, (const int[]){3, 4, 5, 0, 1, 2}, 6);
	list_del_init(&it[0].node);
	list_add_tail(&it[0].node, &a);
	list_splice_tail_init(&a, &b);
	check_list(&b, (const int[]){3, 4, 5, 1, 2, 0}, 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(new_list_heads_are_empty),
	    cmocka_unit_test(list_add_pushes_at_the_front),
	    cmocka_unit_test(list_add_tail_appends_at_the_end),
	    cmocka_unit_test(list_entry_finds_the_containing_struct),
	    cmocka_unit_test(list_del_unlinks_and_poisons),
	    cmocka_unit_test(list_del_init_leaves_an_empty_node),
	    cmocka_unit_test(list_move_and_move_tail_between_lists),
	    cmocka_unit_test(for_each_and_for_each_entry_visit_in_order),
	    cmocka_unit_test(for_each_entry_safe_can_delete_every_element),
	    cmocka_unit_test(for_each_safe_can_delete_some_elements),
	    cmocka_unit_test(splice_init_moves_a_whole_list),
	};

	return run_suite("list", tests);
}
