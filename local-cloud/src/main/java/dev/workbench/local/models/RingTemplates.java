package dev.workbench.local.models;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import javax.vecmath.Point3d;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.isomorphism.Pattern;
import org.openscience.cdk.isomorphism.matchers.Expr;
import org.openscience.cdk.isomorphism.matchers.IQueryAtomContainer;
import org.openscience.cdk.isomorphism.matchers.QueryAtom;
import org.openscience.cdk.isomorphism.matchers.QueryAtomContainer;
import org.openscience.cdk.isomorphism.matchers.QueryBond;
import org.openscience.cdk.modeling.builder3d.TemplateHandler3D;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes CDK 2.12's ring templates match by bond type and drops the distorted ones.
 *
 * <p>Why: {@link TemplateHandler3D} matches its ~10,000 ring templates with "any atom, any bond" queries
 * and then checks for an exact match against query atoms that carry no symbol, so the check never
 * succeeds and every ring system gets the coordinates of the last template of the same size, and
 * about half of the library has stretched bonds: benzene came out puckered with 1.84 Å bonds,
 * tetrahydrofuran with 2.1 Å ones. Here templates with implausible bond lengths are dropped, and a
 * template whose bond orders (or aromaticity) match is preferred over one that only has the right
 * ring graph; the templates are carbon skeletons, so atoms still match any element. The
 * fields are private, hence the reflection; if a CDK upgrade renames them the stock behaviour stays
 * and a warning says so.
 */
final class RingTemplates {

    private static final Logger LOG = LoggerFactory.getLogger(RingTemplates.class);
    private static final double TOLERANCE = 0.15;
    private static boolean done;

    private RingTemplates() {
    }

    /** Idempotent; call while holding the 3D build lock (the template handler is a JVM-wide singleton). */
    static void fix(TemplateHandler3D handler) {
        if (done) {
            return;
        }
        done = true;
        try {
            Method load = TemplateHandler3D.class.getDeclaredMethod("loadTemplates");
            load.setAccessible(true);
            List<IAtomContainer> templates = list(handler, "templates");
            List<IQueryAtomContainer> queries = list(handler, "queries");
            List<Pattern> patterns = list(handler, "patterns");
            if (templates.isEmpty()) {
                load.invoke(handler);
            }
            int before = templates.size();
            List<IAtomContainer> kept = new ArrayList<>(before);
            for (IAtomContainer template : templates) {
                if (plausible(template)) {
                    kept.add(template);
                }
            }
            templates.clear();
            queries.clear();
            patterns.clear();
            // CDK keeps the LAST match when none is exact, so the any-bond fallbacks go first and a
            // bond-type match, when there is one, wins.
            for (boolean strict : new boolean[] {false, true}) {
                for (IAtomContainer template : kept) {
                    IQueryAtomContainer query = query(template, strict);
                    templates.add(template);
                    queries.add(query);
                    patterns.add(Pattern.findSubstructure(query));
                }
            }
            LOG.debug("ring templates: kept {} of {} with plausible bond lengths, matching by bond type",
                    kept.size(), before);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("could not fix CDK's ring template matching ({}); ring geometries may be distorted", e.toString());
        }
    }

    /**
     * Whether every bond of the template is within {@link #TOLERANCE} Å of the length expected from
     * covalent radii and bond order. Part of the library has stretched rings (C-C 1.8-2.2 Å) that would
     * otherwise be copied into molecules.
     */
    static boolean plausible(IAtomContainer template) {
        for (IBond bond : template.bonds()) {
            Point3d a = bond.getBegin().getPoint3d();
            Point3d b = bond.getEnd().getPoint3d();
            if (a == null || b == null) {
                return false;
            }
            double r1 = radius(bond.getBegin().getAtomicNumber());
            double r2 = radius(bond.getEnd().getAtomicNumber());
            if (r1 == 0 || r2 == 0) {
                continue; // an element without a tabulated radius: no opinion
            }
            double expected = r1 + r2 - shortening(bond);
            if (Math.abs(a.distance(b) - expected) > TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    private static double shortening(IBond bond) {
        if (bond.isAromatic() || bond.getOrder() == null || bond.getOrder() == IBond.Order.UNSET) {
            return 0.10;
        }
        return switch (bond.getOrder()) {
            case DOUBLE -> 0.16;
            case TRIPLE -> 0.30;
            default -> 0.0;
        };
    }

    /** Single-bond covalent radii (Å, Pyykkö and Atsumi 2009) for the elements found in ring templates. */
    private static double radius(@Nullable Integer atomicNumber) {
        if (atomicNumber == null) {
            return 0;
        }
        return switch (atomicNumber) {
            case 1 -> 0.32;
            case 5 -> 0.85;
            case 6 -> 0.75;
            case 7 -> 0.71;
            case 8 -> 0.63;
            case 9 -> 0.64;
            case 14 -> 1.16;
            case 15 -> 1.11;
            case 16 -> 1.03;
            case 17 -> 0.99;
            case 34 -> 1.16;
            case 35 -> 1.14;
            case 53 -> 1.33;
            default -> 0;
        };
    }

    private static IQueryAtomContainer query(IAtomContainer template, boolean strictBonds) {
        QueryAtomContainer query = new QueryAtomContainer(SilentChemObjectBuilder.getInstance());
        for (IAtom atom : template.atoms()) {
            // The templates are carbon skeletons of ring shapes, so any element may sit on a template atom.
            QueryAtom queryAtom = new QueryAtom(new Expr(Expr.Type.TRUE));
            // CDK's exact-match shortcut compares symbols and orders of the query atoms and bonds.
            queryAtom.setSymbol(atom.getSymbol());
            query.addAtom(queryAtom);
        }
        for (IBond bond : template.bonds()) {
            Expr expr;
            if (!strictBonds) {
                expr = new Expr(Expr.Type.TRUE);
            } else if (bond.isAromatic() || bond.getOrder() == null || bond.getOrder() == IBond.Order.UNSET) {
                expr = new Expr(Expr.Type.IS_AROMATIC);
            } else {
                expr = new Expr(Expr.Type.ORDER, bond.getOrder().numeric());
            }
            QueryBond queryBond = new QueryBond(query.getAtom(template.indexOf(bond.getBegin())),
                    query.getAtom(template.indexOf(bond.getEnd())), expr);
            queryBond.setOrder(bond.getOrder());
            query.addBond(queryBond);
        }
        for (int i = 0; i < template.getAtomCount(); i++) {
            query.getAtom(i).setPoint3d(new Point3d(template.getAtom(i).getPoint3d()));
        }
        return query;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(TemplateHandler3D handler, String name) throws ReflectiveOperationException {
        Field field = TemplateHandler3D.class.getDeclaredField(name);
        field.setAccessible(true);
        return (List<T>) field.get(handler);
    }
}
