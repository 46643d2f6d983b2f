package dev.keyguard.compat.host;

import jakarta.annotation.Resource;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.UserTransaction;
import java.io.IOException;

/**
 * The host's JPA in use: {@code POST /notes?text=...} stores a {@link Note} through the
 * container-managed {@link EntityManager} in a JTA transaction, {@code GET /notes} counts them and
 * names the Hibernate ORM behind the unit.
 */
public final class NotesServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @PersistenceContext(unitName = "host")
    private transient EntityManager entities;

    @Resource private transient UserTransaction transaction;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        try {
            transaction.begin();
            entities.persist(new Note(request.getParameter("text")));
            transaction.commit();
        } catch (Exception e) {
            throw new ServletException("Could not store the note", e);
        }
        doGet(request, response);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        long count =
                entities.createQuery("select count(n) from Note n", Long.class).getSingleResult();
        response.setContentType("text/plain");
        response.setCharacterEncoding("UTF-8");
        response.getWriter()
                .write(
                        "notes="
                                + count
                                + "\nhibernate="
                                + org.hibernate.Version.getVersionString()
                                + "\n");
    }
}
