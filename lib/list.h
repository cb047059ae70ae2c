/*
 * lib/list.h - intrusive, circular, doubly linked lists (the Linux API).
 *
 * "Intrusive": the links live inside the object (a struct list_head member),
 * so putting an object on a list never allocates, and list_entry() gets back
 * from the member to the object with container_of().
 *
 * "Circular": a list is a head node whose next/prev point at itself when
 * empty.  The head is not an element; walking stops when we are back at it.
 * That removes every NULL check: adding and removing are the same four
 * pointer writes wherever the element sits.
 *
 * Nothing here locks; the caller holds the lock that protects the list.
 */
#ifndef TERN_LIB_LIST_H
#define TERN_LIB_LIST_H

#include "lib/compiler.h"

struct list_head {
	struct list_head *next, *prev;
};

/*
 * list_del() leaves these in the removed node.  They are non-canonical
 * x86_64 addresses, so following a stale link faults at once instead of
 * quietly corrupting some other list.
 */
#define LIST_POISON1 ((struct list_head *)0xdead000000000100UL)
#define LIST_POISON2 ((struct list_head *)0xdead000000000200UL)

/* clang-format off */
#define LIST_HEAD_INIT(name) { &(name), &(name) }
/* clang-format on */
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)

static inline void INIT_LIST_HEAD(struct list_head *list)
{
	list->next = list;
	list->prev = list;
}

/* Link new between two nodes that are next to each other. */
static inline void __list_add(struct list_head *new, struct list_head *prev,
			      struct list_head *next)
{
	next->prev = new;
	new->next = next;
	new->prev = prev;
	prev->next = new;
}

/* Add right after head: a stack (LIFO) when used with list_first_entry. */
static inline void list_add(struct list_head *new, struct list_head *head)
{
	__list_add(new, head, head->next);
}

/* Add right before head, i.e. at the end: a queue (FIFO). */
static inline void list_add_tail(struct list_head *new, struct list_head *head)
{
	__list_add(new, head->prev, head);
}

/* Make prev and next neighbours, dropping whatever was between them. */
static inline void __list_del(struct list_head *prev, struct list_head *next)
{
	next->prev = prev;
	prev->next = next;
}

static inline void __list_del_entry(struct list_head *entry)
{
	__list_del(entry->prev, entry->next);
}

/* Remove entry; it must not be used again until re-added. */
static inline void list_del(struct list_head *entry)
{
	__list_del_entry(entry);
	entry->next = LIST_POISON1;
	entry->prev = LIST_POISON2;
}

/* Remove entry and make it an empty list of its own. */
static inline void list_del_init(struct list_head *entry)
{
	__list_del_entry(entry);
	INIT_LIST_HEAD(entry);
}

/* Take entry off its list and add it after head. */
static inline void list_move(struct list_head *entry, struct list_head *head)
{
	__list_del_entry(entry);
	list_add(entry, head);
}

/* Take entry off its list and add it at the end of head's list. */
static inline void list_move_tail(struct list_head *entry,
				  struct list_head *head)
{
	__list_del_entry(entry);
	list_add_tail(entry, head);
}

static inline bool list_empty(const struct list_head *head)
{
	return head->next == head;
}

/* Exactly one element? */
static inline bool list_is_singular(const struct list_head *head)
{
	return !list_empty(head) && head->next == head->prev;
}

static inline bool list_is_last(const struct list_head *entry,
				const struct list_head *head)
{
	return entry->next == head;
}

/* Insert all of list's elements between prev and next (list not empty). */
static inline void __list_splice(struct list_head *list, struct list_head *prev,
				 struct list_head *next)
{
	struct list_head *first = list->next;
	struct list_head *last = list->prev;

	first->prev = prev;
	prev->next = first;
	last->next = next;
	next->prev = last;
}

/* Move all of list's elements to the front of head; list ends up empty. */
static inline void list_splice_init(struct list_head *list,
				    struct list_head *head)
{
	if (!list_empty(list)) {
		__list_splice(list, head, head->next);
		INIT_LIST_HEAD(list);
	}
}

/* Move all of list's elements to the end of head; list ends up empty. */
static inline void list_splice_tail_init(struct list_head *list,
					 struct list_head *head)
{
	if (!list_empty(list)) {
		__list_splice(list, head->prev, head);
		INIT_LIST_HEAD(list);
	}
}

/* From a struct list_head pointer to the struct that contains it. */
#define list_entry(ptr, type, member) container_of(ptr, type, member)

/* The first / last element; the list must not be empty. */
#define list_first_entry(head, type, member)                                   \
	list_entry((head)->next, type, member)
#define list_last_entry(head, type, member)                                    \
	list_entry((head)->prev, type, member)

#define list_next_entry(pos, member)                                           \
	list_entry((pos)->member.next, __typeof__(*(pos)), member)

#define list_for_each(pos, head)                                               \
	for ((pos) = (head)->next; (pos) != (head); (pos) = (pos)->next)

/* As list_for_each, but pos may be removed: n already holds the next one. */
#define list_for_each_safe(pos, n, head)                                       \
	for ((pos) = (head)->next, (n) = (pos)->next; (pos) != (head);         \
	     (pos) = (n), (n) = (pos)->next)

/* pos walks the containing structs, not the list_heads. */
#define list_for_each_entry(pos, head, member)                                 \
	for ((pos) = list_first_entry(head, __typeof__(*(pos)), member);       \
	     &(pos)->member != (head); (pos) = list_next_entry(pos, member))

#define list_for_each_entry_safe(pos, n, head, member)                         \
	for ((pos) = list_first_entry(head, __typeof__(*(pos)), member),       \
	    (n) = list_next_entry(pos, member);                                \
	     &(pos)->member != (head);                                         \
	     (pos) = (n), (n) = list_next_entry(n, member))

#endif
